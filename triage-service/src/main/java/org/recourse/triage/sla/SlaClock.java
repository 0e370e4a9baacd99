package org.recourse.triage.sla;

/**
 * The clocks of a case (DESIGN.md section 5): first response until the acknowledgement,
 * resolution until the verdict, on every case; the regulatory reporting clock of a
 * potential serious incident, beside them and never paused; and the update cadence (an
 * owner's update at least every so often while the case is open), where the policy sets
 * one.
 */
public enum SlaClock {

	FIRST_RESPONSE, RESOLUTION, REGULATORY, UPDATE_CADENCE;

	/** How the clock reads in an audit entry. */
	public String label() {
		return switch (this) {
			case FIRST_RESPONSE -> "First-response";
			case RESOLUTION -> "Resolution";
			case REGULATORY -> "Regulatory reporting";
			case UPDATE_CADENCE -> "Update cadence";
		};
	}

}
