package org.recourse.notification.staff;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Service;

/**
 * Who the staff are and how to reach them, read once at start-up from a JSON seed
 * ({@code recourse.staff.directory}, by default the demo staff of triage's registry
 * seed). Staff ids are the ones triage puts in its events (owner, deputy, escalation
 * chain, and {@code compliance} for the team).
 */
@Service
@EnableConfigurationProperties(StaffDirectory.Settings.class)
public class StaffDirectory {

	private static final Logger logger = LoggerFactory.getLogger(StaffDirectory.class);

	private final Map<String, StaffMember> members;

	@Autowired
	StaffDirectory(ResourceLoader resources, Settings settings) {
		this(read(resources.getResource(settings.directory())));
		logger.info("Staff directory has {} entries from {}", this.members.size(), settings.directory());
	}

	public StaffDirectory(List<StaffMember> members) {
		this.members = members.stream().collect(Collectors.toUnmodifiableMap(StaffMember::id, Function.identity()));
	}

	public Optional<StaffMember> find(String staffId) {
		return Optional.ofNullable((staffId != null) ? this.members.get(staffId) : null);
	}

	private static List<StaffMember> read(Resource seed) {
		try (InputStream in = seed.getInputStream()) {
			return List.of(JsonMapper.builder().build().readValue(in, Entry[].class))
				.stream()
				.map(Entry::member)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the staff directory " + seed, ex);
		}
	}

	/**
	 * One entry of the seed file; {@code webhookUrl}, {@code digest} and {@code zone} are
	 * optional.
	 */
	record Entry(String id, String email, String webhookUrl, Boolean digest, String zone) {

		StaffMember member() {
			return new StaffMember(this.id, this.email,
					(this.webhookUrl != null && !this.webhookUrl.isBlank()) ? URI.create(this.webhookUrl) : null,
					Boolean.TRUE.equals(this.digest), (this.zone != null) ? ZoneId.of(this.zone) : null);
		}

	}

	@ConfigurationProperties("recourse.staff")
	record Settings(@DefaultValue("classpath:staff/directory.json") String directory) {
	}

}
