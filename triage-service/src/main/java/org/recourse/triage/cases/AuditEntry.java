package org.recourse.triage.cases;

import java.time.Instant;

/**
 * One step in a case's history: who (a staff id, or {@code system}), when, what, from
 * which state to which, and why. Entries are only ever appended. They never name the
 * reporter, who is nobody's to name.
 */
public record AuditEntry(String id, Instant at, String actor, String action, String fromState, String toState,
		String reason) {
}
