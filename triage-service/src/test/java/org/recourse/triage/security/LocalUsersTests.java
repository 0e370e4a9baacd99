package org.recourse.triage.security;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class LocalUsersTests {

	private static final String DEMO_HASH = PasswordEncoderFactories.createDelegatingPasswordEncoder()
		.encode(LocalUsers.DEMO_PASSWORD);

	private static final String REAL_HASH = PasswordEncoderFactories.createDelegatingPasswordEncoder()
		.encode("a long and private passphrase");

	@Test
	void localDemoAccountsSignInAndTheScraperToo() {
		InMemoryUserDetailsManager users = LocalUsers.from(settings(DEMO_HASH, "scrape-local-only"),
				new MockEnvironment());

		assertThat(users.loadUserByUsername("alice.owner").getAuthorities()).extracting(Object::toString)
			.containsExactly("ROLE_OWNER");
		assertThat(users.loadUserByUsername("prometheus").getAuthorities()).extracting(Object::toString)
			.containsExactly("ROLE_SCRAPER");
	}

	@Test
	void refusesToStartWithDemoPasswordsUnderTheProdProfile() {
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");

		assertThatIllegalStateException()
			.isThrownBy(() -> LocalUsers.from(settings(DEMO_HASH, "a-real-scrape-secret"), production))
			.withMessageContaining("alice.owner")
			.withMessageContaining("demo password");
		assertThatIllegalStateException()
			.isThrownBy(() -> LocalUsers.from(settings(REAL_HASH, "scrape-local-only"), production))
			.withMessageContaining("scrape password");
		assertThat(LocalUsers.from(settings(REAL_HASH, "a-real-scrape-secret"), production).userExists("alice.owner"))
			.isTrue();
	}

	@Test
	void underOidcNoLocalStaffAccountExists() {
		SecuritySettings oidc = new SecuritySettings(SecuritySettings.Mode.OIDC, "secret",
				List.of(new SecuritySettings.LocalUser("alice.owner", DEMO_HASH, List.of(StaffRole.OWNER))),
				"realm_access.roles");
		MockEnvironment production = new MockEnvironment();
		production.setActiveProfiles("prod");

		InMemoryUserDetailsManager users = LocalUsers.from(oidc, production);

		assertThat(users.userExists("alice.owner")).isFalse();
		assertThat(users.userExists("prometheus")).isTrue();
	}

	private static SecuritySettings settings(String hash, String scrapePassword) {
		return new SecuritySettings(SecuritySettings.Mode.LOCAL, scrapePassword,
				List.of(new SecuritySettings.LocalUser("alice.owner", hash, List.of(StaffRole.OWNER))),
				"realm_access.roles");
	}

}
