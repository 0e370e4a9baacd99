package org.recourse.triage.sla;

/**
 * The clocks that run on every case (DESIGN.md section 5): first response until the
 * acknowledgement, resolution until the verdict.
 */
public enum SlaClock {

	FIRST_RESPONSE, RESOLUTION;

	/** How the clock reads in an audit entry. */
	public String label() {
		return (this == FIRST_RESPONSE) ? "First-response" : "Resolution";
	}

}
