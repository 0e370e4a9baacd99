package org.recourse.notification.owners;

import java.time.Instant;

/**
 * What a member of staff is told about one case event: deliberately little (the AI
 * system, severity, case, the deadline that matters, escalation level), nothing about the
 * reporter and no report text; the case page has the rest behind staff sign-in.
 *
 * @param clock FIRST_RESPONSE or RESOLUTION when the notice is about one SLA clock
 * @param level the escalation level, for {@link NoticeKind#ESCALATED}
 */
record Notice(NoticeKind kind, String recipient, String reportId, String caseId, String aiSystemId, String severity,
		Instant dueAt, String clock, Integer level) {
}
