package org.recourse.triage.sla;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * The targets by severity, and the separate target for concerns about mandated AI use,
 * which is a matter of policy rather than of how wrong an answer was.
 */
public record SlaPolicy(Map<Severity, SlaTarget> bySeverity, SlaTarget mandatedAiConcern) {

	public SlaPolicy {
		if (!bySeverity.keySet().containsAll(java.util.EnumSet.allOf(Severity.class))) {
			throw new IllegalArgumentException("A policy needs a target for every severity");
		}
		bySeverity = Map.copyOf(bySeverity);
	}

	/** DESIGN.md section 5: the policy every system has unless it overrides it. */
	public static SlaPolicy standard() {
		Map<Severity, SlaTarget> targets = new EnumMap<>(Severity.class);
		targets.put(Severity.CRITICAL, SlaTarget.calendar(Duration.ofHours(1), Duration.ofDays(2)));
		targets.put(Severity.HIGH, SlaTarget.businessDays(1, 10));
		targets.put(Severity.MEDIUM, SlaTarget.businessDays(2, 20));
		targets.put(Severity.LOW, SlaTarget.businessDays(5, 30));
		return new SlaPolicy(targets, SlaTarget.businessDays(2, 10));
	}

	public SlaTarget targetFor(Severity severity, boolean mandatedAiConcern) {
		return mandatedAiConcern ? this.mandatedAiConcern : this.bySeverity.get(severity);
	}

	/** When a case opened at {@code openedAt} must be acknowledged and resolved. */
	public Deadlines deadlines(java.time.Instant openedAt, Severity severity, boolean mandatedAiConcern,
			BusinessCalendar calendar) {
		SlaTarget target = targetFor(severity, mandatedAiConcern);
		if (!target.businessTime()) {
			return new Deadlines(openedAt.plus(target.acknowledge()), openedAt.plus(target.resolve()));
		}
		return new Deadlines(calendar.plusBusinessTime(openedAt, target.acknowledge()),
				calendar.plusBusinessTime(openedAt, target.resolve()));
	}

	public record Deadlines(java.time.Instant acknowledgeBy, java.time.Instant resolveBy) {
	}

}
