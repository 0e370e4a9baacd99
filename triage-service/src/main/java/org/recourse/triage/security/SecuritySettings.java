package org.recourse.triage.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code recourse.security.*}: how staff sign in ({@code mode}: {@code local} users from
 * this configuration, or {@code oidc}), the local users (bcrypt hashes, never clear
 * passwords), the claim OIDC roles are read from, and the password Prometheus scrapes
 * with.
 */
@ConfigurationProperties("recourse.security")
public record SecuritySettings(@DefaultValue("local") Mode mode, @DefaultValue("") String scrapePassword,
		@DefaultValue List<LocalUser> users, @DefaultValue("realm_access.roles") String rolesClaim) {

	public enum Mode {

		/** Users from configuration: for the local stack and tests only. */
		LOCAL,

		/** An OpenID Connect provider: pages sign in through it, APIs take its tokens. */
		OIDC

	}

	/** A local staff account: the password is a bcrypt hash ({@code {bcrypt}$2a$…}). */
	public record LocalUser(String username, String password, List<StaffRole> roles) {
	}

}
