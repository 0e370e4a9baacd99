package org.recourse.notification.updates;

import java.time.Instant;
import java.util.UUID;

import org.recourse.events.CaseAcknowledged;
import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseQueue;
import org.recourse.events.CaseReassigned;
import org.recourse.events.CaseReopened;
import org.recourse.events.CaseResolved;
import org.recourse.events.CaseRouted;
import org.recourse.events.InformationRequested;
import org.recourse.events.ReporterUpdate;
import org.recourse.events.ReporterUpdateType;
import org.recourse.events.deadletter.EventChecks;

/** Maps between case events, the updates they cause and the reporter-update event. */
final class UpdateMessages {

	private UpdateMessages() {
	}

	/** The reporter is told the acknowledge-by time: it must be one that can be true. */
	static CaseWasRouted routed(CaseRouted event) {
		return new CaseWasRouted(event.getEventId().toString(), event.getReportId().toString(),
				event.getQueue() == CaseQueue.GOVERNANCE,
				EventChecks.deadline("CaseRouted.acknowledgeBy", event.getAcknowledgeBy(), event.getOccurredAt()));
	}

	static Composed acknowledged(CaseAcknowledged event) {
		return new Composed(event.getEventId().toString(), event.getReportId().toString(), "ACKNOWLEDGED",
				Wording.acknowledged());
	}

	static Composed question(InformationRequested event) {
		return new Composed(event.getEventId().toString(), event.getReportId().toString(), "QUESTION",
				event.getQuestion());
	}

	static Composed reassigned(CaseReassigned event) {
		return new Composed(event.getEventId().toString(), event.getReportId().toString(), "REASSIGNED",
				Wording.reassigned());
	}

	/**
	 * Says that the case climbed, never to whom: the event's escalatedTo stays unread.
	 */
	static Composed escalated(CaseEscalated event) {
		return new Composed(event.getEventId().toString(), event.getReportId().toString(), "ESCALATED",
				Wording.escalated());
	}

	static Composed resolved(CaseResolved event) {
		return new Composed(event.getEventId().toString(), event.getReportId().toString(), "RESOLVED",
				Wording.resolved(event.getVerdict().name(), event.getSummaryForReporter()));
	}

	static Composed reopened(CaseReopened event) {
		return new Composed(event.getEventId().toString(), event.getReportId().toString(), "REOPENED",
				Wording.reopened());
	}

	static ReporterUpdate update(ReporterUpdateRecord record) {
		return ReporterUpdate.newBuilder()
			.setEventId(UUID.nameUUIDFromBytes(("update:" + record.getCauseEventId()).getBytes()))
			.setOccurredAt(record.getCreatedAt())
			.setReportId(UUID.fromString(record.getReportId()))
			.setCauseEventId(record.getCauseEventId())
			.setType(ReporterUpdateType.valueOf(record.getType()))
			.setMessage(record.getMessage())
			.build();
	}

	/**
	 * An update ready to record: the case event it answers, its report, its type and its
	 * words.
	 */
	record Composed(String causeEventId, String reportId, String type, String message) {
	}

	record CaseWasRouted(String eventId, String reportId, boolean governance, Instant acknowledgeBy) {
	}

}
