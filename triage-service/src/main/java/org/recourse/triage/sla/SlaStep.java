package org.recourse.triage.sla;

import java.time.Instant;

/**
 * What a look at a case's clocks decided, for the caller to announce: each step is one
 * audit entry and one event.
 */
public sealed interface SlaStep {

	Instant at();

	/** A clock is close to its due time; sent once per clock. */
	record Warning(SlaClock clock, Instant dueAt, Instant at) implements SlaStep {
	}

	/**
	 * A clock is breached and the case stands at {@code level} of its chain, with
	 * {@code escalatedTo}. At the top of the chain the level stays where it is and the
	 * top is told once more for the newly breached clock.
	 */
	record Escalation(SlaClock clock, int level, String escalatedTo, Instant dueAt, Instant at) implements SlaStep {
	}

	/** The case was acted on and is no longer escalated; never silent. */
	record Deescalation(int fromLevel, String reason, Instant at) implements SlaStep {
	}

}
