package org.recourse.notification.owners;

import java.time.Instant;

import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseReassigned;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReporterAnswerReceived;
import org.recourse.events.SlaWarning;

/**
 * Maps triage's case events to what staff notices need. Reads no reporter reference and
 * no text written by the reporter or for them (reasons, questions, summaries stay
 * unread).
 */
final class StaffMessages {

	private StaffMessages() {
	}

	static Opened routed(CaseRouted event) {
		return new Opened(cause(event.getEventId(), event.getOccurredAt()),
				new CaseFacts(event.getCaseId(), event.getReportId().toString(), event.getAiSystemId(),
						event.getSeverity().name(), event.getOwnerId(), false, event.getAcknowledgeBy(),
						event.getResolveBy()));
	}

	static Reassigned reassigned(CaseReassigned event) {
		return new Reassigned(cause(event.getEventId(), event.getOccurredAt()), event.getCaseId(),
				event.getToOwnerId());
	}

	static Answered answered(ReporterAnswerReceived event) {
		return new Answered(cause(event.getEventId(), event.getOccurredAt()), event.getCaseId(),
				event.getAcknowledgeBy(), event.getResolveBy());
	}

	static Warned warned(SlaWarning event) {
		return new Warned(cause(event.getEventId(), event.getOccurredAt()), event.getReportId().toString(),
				event.getCaseId(), event.getClock().name(), event.getDueAt());
	}

	static Escalated escalated(CaseEscalated event) {
		return new Escalated(cause(event.getEventId(), event.getOccurredAt()), event.getReportId().toString(),
				event.getCaseId(), event.getClock().name(), event.getLevel(), event.getEscalatedTo(), event.getDueAt());
	}

	private static Cause cause(java.util.UUID eventId, Instant occurredAt) {
		return new Cause(eventId.toString(), occurredAt);
	}

	/** The case event a notice answers: one notice per cause. */
	record Cause(String eventId, Instant occurredAt) {
	}

	record Opened(Cause cause, CaseFacts facts) {
	}

	record Reassigned(Cause cause, String caseId, String toOwnerId) {
	}

	record Answered(Cause cause, String caseId, Instant acknowledgeBy, Instant resolveBy) {
	}

	record Warned(Cause cause, String reportId, String caseId, String clock, Instant dueAt) {
	}

	record Escalated(Cause cause, String reportId, String caseId, String clock, int level, String escalatedTo,
			Instant dueAt) {
	}

}
