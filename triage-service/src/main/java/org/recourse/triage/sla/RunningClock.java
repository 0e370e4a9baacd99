package org.recourse.triage.sla;

import java.time.Instant;

/**
 * A clock that is running right now (its case open, not waiting for the reporter, the
 * clock not met yet), with the instants at which it warns and breaches.
 */
public record RunningClock(SlaClock clock, Instant warnAt, Instant dueAt) {

	boolean breachedAt(Instant now) {
		return !now.isBefore(this.dueAt);
	}

}
