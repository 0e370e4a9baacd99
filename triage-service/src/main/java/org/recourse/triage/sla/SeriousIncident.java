package org.recourse.triage.sla;

import java.time.Duration;
import java.time.Instant;

/**
 * A potential serious incident (EU AI Act Art. 73, DESIGN.md section 5) and how long the
 * provider has to report it to the authority once aware of it: 2 days for a widespread
 * infringement or a serious disruption of critical infrastructure, 10 days for a death,
 * 15 days otherwise. Counted in calendar time from awareness; the clock never pauses.
 */
public enum SeriousIncident {

	WIDESPREAD_INFRINGEMENT(Duration.ofDays(2)), CRITICAL_INFRASTRUCTURE_DISRUPTION(Duration.ofDays(2)),
	DEATH(Duration.ofDays(10)), OTHER_SERIOUS_INCIDENT(Duration.ofDays(15));

	private final Duration reportWithin;

	SeriousIncident(Duration reportWithin) {
		this.reportWithin = reportWithin;
	}

	public Duration reportWithin() {
		return this.reportWithin;
	}

	/** When the report to the authority is due, for awareness at {@code awareAt}. */
	public Instant reportDueAt(Instant awareAt) {
		return awareAt.plus(this.reportWithin);
	}

	/**
	 * When to warn: a quarter of the time left before the due time, like the business
	 * clocks' 75 % elapsed.
	 */
	public Instant warnAt(Instant awareAt) {
		return reportDueAt(awareAt).minus(this.reportWithin.dividedBy(4));
	}

}
