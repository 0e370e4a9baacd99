package org.recourse.triage.security;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

/**
 * The accounts this service checks passwords of: the local staff users (in
 * {@link SecuritySettings.Mode#LOCAL local} mode only) and the Prometheus scrape
 * credential. The demo accounts shipped in {@code application.yml} are announced at
 * start-up as local-only, and refused outright when the {@code prod} profile is active.
 */
final class LocalUsers {

	/** The password of every demo account in {@code application.yml}. */
	static final String DEMO_PASSWORD = "recourse-demo";

	/** The scrape password {@code application.yml} ships for the local stack. */
	static final String DEMO_SCRAPE_PASSWORD = "scrape-local-only";

	static final String SCRAPER = "prometheus";

	private static final Logger logger = LoggerFactory.getLogger(LocalUsers.class);

	private LocalUsers() {
	}

	static InMemoryUserDetailsManager from(SecuritySettings settings, Environment environment) {
		PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
		boolean production = environment.acceptsProfiles(Profiles.of("prod"));
		List<UserDetails> accounts = new ArrayList<>();
		if (settings.mode() == SecuritySettings.Mode.LOCAL) {
			List<SecuritySettings.LocalUser> demo = settings.users()
				.stream()
				.filter((user) -> encoder.matches(DEMO_PASSWORD, user.password()))
				.toList();
			if (production && !demo.isEmpty()) {
				throw new IllegalStateException("Refusing to start: the 'prod' profile is active and local staff users "
						+ names(demo) + " still have the demo password. Use recourse.security.mode=oidc, or give "
						+ "them real bcrypt password hashes in recourse.security.users.");
			}
			if (!demo.isEmpty()) {
				logger.warn(
						"LOCAL USE ONLY: demo staff accounts {} sign in with the password '{}'. "
								+ "Never run this configuration where real reports arrive.",
						describe(demo), DEMO_PASSWORD);
			}
			settings.users()
				.forEach((user) -> accounts.add(User.withUsername(user.username())
					.password(user.password())
					.authorities(user.roles().stream().map(StaffRole::authority).toArray(String[]::new))
					.build()));
		}
		if (settings.scrapePassword().isBlank()) {
			logger.warn("No recourse.security.scrape-password: /actuator/prometheus cannot be scraped");
		}
		else {
			if (production && DEMO_SCRAPE_PASSWORD.equals(settings.scrapePassword())) {
				throw new IllegalStateException("Refusing to start: the 'prod' profile is active and the Prometheus "
						+ "scrape password is the local default. Set RECOURSE_SECURITY_SCRAPE_PASSWORD.");
			}
			accounts.add(User.withUsername(SCRAPER)
				.password(encoder.encode(settings.scrapePassword()))
				.authorities(StaffRole.SCRAPER.authority())
				.build());
		}
		return new InMemoryUserDetailsManager(accounts);
	}

	private static String names(List<SecuritySettings.LocalUser> users) {
		return users.stream().map(SecuritySettings.LocalUser::username).collect(Collectors.joining(", "));
	}

	private static String describe(List<SecuritySettings.LocalUser> users) {
		return users.stream()
			.map((user) -> user.username() + " ("
					+ user.roles().stream().map((role) -> role.name().toLowerCase()).collect(Collectors.joining("+"))
					+ ")")
			.collect(Collectors.joining(", "));
	}

}
