package org.recourse.triage.security;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The signed-in staff member: their staff id (the one the registry names as owner or
 * deputy) and their roles.
 */
public record Staff(String id, Set<StaffRole> roles) {

	public static Staff of(Authentication authentication) {
		Set<StaffRole> roles = EnumSet.noneOf(StaffRole.class);
		for (GrantedAuthority granted : authentication.getAuthorities()) {
			for (StaffRole role : StaffRole.values()) {
				if (role.authority().equals(granted.getAuthority())) {
					roles.add(role);
				}
			}
		}
		return new Staff(idOf(authentication), roles);
	}

	/** The staff member of the current request. */
	public static Staff current() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null) {
			throw new IllegalStateException("No signed-in staff member");
		}
		return of(authentication);
	}

	private static String idOf(Authentication authentication) {
		Object principal = authentication.getPrincipal();
		if (principal instanceof OidcUser oidc && oidc.getPreferredUsername() != null) {
			return oidc.getPreferredUsername();
		}
		if (principal instanceof Jwt jwt && jwt.getClaimAsString("preferred_username") != null) {
			return jwt.getClaimAsString("preferred_username");
		}
		return authentication.getName();
	}

	public boolean is(StaffRole role) {
		return this.roles.contains(role);
	}

	public boolean isOwner() {
		return is(StaffRole.OWNER);
	}

	public boolean isCompliance() {
		return is(StaffRole.COMPLIANCE);
	}

	public boolean isAdmin() {
		return is(StaffRole.ADMIN);
	}

	/** Owner, compliance or admin: a person, not the scrape credential. */
	public boolean isPerson() {
		return is(StaffRole.OWNER) || is(StaffRole.COMPLIANCE) || is(StaffRole.ADMIN);
	}

}
