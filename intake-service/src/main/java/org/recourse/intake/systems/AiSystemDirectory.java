package org.recourse.intake.systems;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Caches triage's public list of AI systems for a short time; on failure keeps serving
 * the last list it had.
 */
@Component
public class AiSystemDirectory {

	private static final Logger logger = LoggerFactory.getLogger(AiSystemDirectory.class);

	private final RestClient client;

	private final Settings settings;

	private final Clock clock;

	private volatile List<AiSystemOption> cached = List.of();

	private volatile Instant refreshAt = Instant.EPOCH;

	AiSystemDirectory(RestClient.Builder builder, Settings settings, Clock clock) {
		SimpleClientHttpRequestFactory requests = new SimpleClientHttpRequestFactory();
		requests.setConnectTimeout(settings.timeout());
		requests.setReadTimeout(settings.timeout());
		this.client = builder.baseUrl(settings.baseUrl()).requestFactory(requests).build();
		this.settings = settings;
		this.clock = clock;
	}

	public List<AiSystemOption> options() {
		if (!this.clock.instant().isBefore(this.refreshAt)) {
			refresh();
		}
		return this.cached;
	}

	/** The display name of a listed system, when the directory knows it. */
	public java.util.Optional<String> nameOf(String id) {
		return options().stream().filter((option) -> option.id().equals(id)).map(AiSystemOption::name).findFirst();
	}

	private synchronized void refresh() {
		if (this.clock.instant().isBefore(this.refreshAt)) {
			return;
		}
		try {
			List<AiSystemOption> fetched = this.client.get()
				.uri("/api/v1/systems")
				.retrieve()
				.body(new ParameterizedTypeReference<List<AiSystemOption>>() {
				});
			this.cached = (fetched != null) ? List.copyOf(fetched) : List.of();
			this.refreshAt = this.clock.instant().plus(this.settings.cacheFor());
		}
		catch (RestClientException ex) {
			logger.warn("Could not read the AI-system list from triage ({}); keeping {} cached entries",
					ex.getClass().getSimpleName(), this.cached.size());
			this.refreshAt = this.clock.instant().plus(this.settings.retryAfter());
		}
	}

	@ConfigurationProperties("recourse.triage")
	record Settings(@DefaultValue("http://localhost:8081") String baseUrl, @DefaultValue("2s") Duration timeout,
			@DefaultValue("60s") Duration cacheFor, @DefaultValue("5s") Duration retryAfter) {
	}

}
