package org.recourse.triage.security;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;

import static org.assertj.core.api.Assertions.assertThat;

class ClaimRolesTests {

	@Test
	void readsKeycloakRealmRolesAndIgnoresTheRest() {
		Map<String, Object> claims = Map.of("preferred_username", "alice.owner", "realm_access",
				Map.of("roles", List.of("owner", "Compliance", "offline_access", "scraper", "uma_authorization")));

		assertThat(new ClaimRoles("realm_access.roles").from(claims)).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_OWNER", "ROLE_COMPLIANCE");
	}

	@Test
	void aMissingOrMisshapenClaimGivesNoRole() {
		ClaimRoles roles = new ClaimRoles("realm_access.roles");

		assertThat(roles.from(Map.of())).isEmpty();
		assertThat(roles.from(Map.of("realm_access", "owner"))).isEmpty();
		assertThat(roles.from(Map.of("realm_access", Map.of("roles", "admin")))).isEmpty();
		assertThat(new ClaimRoles("groups").from(Map.of("groups", List.of("admin"))))
			.extracting(GrantedAuthority::getAuthority)
			.containsExactly("ROLE_ADMIN");
	}

}
