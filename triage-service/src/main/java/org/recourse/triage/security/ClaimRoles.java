package org.recourse.triage.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * Staff roles from an OIDC token's claims: the claim named by
 * {@code recourse.security.roles-claim} (a dotted path such as Keycloak's
 * {@code realm_access.roles}) holds role names; {@code owner}, {@code compliance} and
 * {@code admin} (any case) become the matching {@link StaffRole}, anything else is
 * ignored. The scrape role can never come from a token.
 */
final class ClaimRoles {

	private final List<String> path;

	ClaimRoles(String claim) {
		this.path = List.of(claim.split("\\."));
	}

	Set<GrantedAuthority> from(Map<String, Object> claims) {
		Object value = claims;
		for (String step : this.path) {
			if (!(value instanceof Map<?, ?> map)) {
				return Set.of();
			}
			value = map.get(step);
		}
		if (!(value instanceof Collection<?> names)) {
			return Set.of();
		}
		return names.stream()
			.map((name) -> String.valueOf(name).toUpperCase(Locale.ROOT))
			.filter((name) -> Set.of("OWNER", "COMPLIANCE", "ADMIN").contains(name))
			.map((name) -> new SimpleGrantedAuthority(StaffRole.valueOf(name).authority()))
			.collect(Collectors.toSet());
	}

}
