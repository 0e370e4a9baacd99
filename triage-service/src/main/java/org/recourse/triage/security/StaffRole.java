package org.recourse.triage.security;

/**
 * What a signed-in staff member is: an owner works the cases of the AI systems they are
 * accountable for; compliance reads everything, works the governance queue and exports
 * the audit trail; an admin keeps the registry. {@link #SCRAPER} is not a person: it is
 * the credential Prometheus scrapes metrics with.
 */
public enum StaffRole {

	OWNER, COMPLIANCE, ADMIN, SCRAPER;

	/** The Spring Security authority of this role. */
	public String authority() {
		return "ROLE_" + name();
	}

}
