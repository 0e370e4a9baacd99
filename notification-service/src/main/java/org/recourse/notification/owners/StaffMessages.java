package org.recourse.notification.owners;

import java.time.Instant;

import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseReassigned;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReporterAnswerReceived;
import org.recourse.events.SlaWarning;
import org.recourse.events.deadletter.EventChecks;
import org.recourse.events.deadletter.UnprocessableEventException;

/**
 * Maps triage's case events to what staff notices need. Reads no reporter reference and
 * no text written by the reporter or for them (reasons, questions, summaries stay
 * unread). The case id goes into the link staff follow and the deadlines into the words
 * they act on, so an id that is no UUID or a deadline that cannot be true is refused
 * (dead-lettered) rather than mailed.
 */
final class StaffMessages {

	private StaffMessages() {
	}

	static Opened routed(CaseRouted event) {
		return new Opened(cause(event.getEventId(), event.getOccurredAt()),
				new CaseFacts(caseId("CaseRouted", event.getCaseId()), event.getReportId().toString(),
						event.getAiSystemId(), event.getSeverity().name(), event.getOwnerId(), false,
						EventChecks.deadline("CaseRouted.acknowledgeBy", event.getAcknowledgeBy(),
								event.getOccurredAt()),
						EventChecks.deadline("CaseRouted.resolveBy", event.getResolveBy(), event.getOccurredAt())));
	}

	static Reassigned reassigned(CaseReassigned event) {
		return new Reassigned(cause(event.getEventId(), event.getOccurredAt()),
				caseId("CaseReassigned", event.getCaseId()), event.getToOwnerId());
	}

	static Answered answered(ReporterAnswerReceived event) {
		return new Answered(cause(event.getEventId(), event.getOccurredAt()),
				caseId("ReporterAnswerReceived", event.getCaseId()),
				EventChecks.deadline("ReporterAnswerReceived.acknowledgeBy", event.getAcknowledgeBy(),
						event.getOccurredAt()),
				EventChecks.deadline("ReporterAnswerReceived.resolveBy", event.getResolveBy(), event.getOccurredAt()));
	}

	static Warned warned(SlaWarning event) {
		return new Warned(cause(event.getEventId(), event.getOccurredAt()), event.getReportId().toString(),
				caseId("SlaWarning", event.getCaseId()), event.getClock().name(),
				EventChecks.deadline("SlaWarning.dueAt", event.getDueAt(), event.getOccurredAt()));
	}

	static Escalated escalated(CaseEscalated event) {
		if (event.getLevel() < 1) {
			throw new UnprocessableEventException("CaseEscalated.level is below 1");
		}
		return new Escalated(cause(event.getEventId(), event.getOccurredAt()), event.getReportId().toString(),
				caseId("CaseEscalated", event.getCaseId()), event.getClock().name(), event.getLevel(),
				event.getEscalatedTo(),
				EventChecks.deadline("CaseEscalated.dueAt", event.getDueAt(), event.getOccurredAt()));
	}

	private static String caseId(String event, String caseId) {
		return EventChecks.uuid(event + ".caseId", caseId);
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
