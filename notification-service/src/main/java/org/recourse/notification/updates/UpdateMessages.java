package org.recourse.notification.updates;

import java.time.Instant;
import java.util.UUID;

import org.recourse.events.CaseQueue;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReporterUpdate;
import org.recourse.events.ReporterUpdateType;

/** Maps between case events, the updates they cause and the reporter-update event. */
final class UpdateMessages {

	private UpdateMessages() {
	}

	static CaseWasRouted routed(CaseRouted event) {
		return new CaseWasRouted(event.getEventId().toString(), event.getReportId().toString(),
				event.getQueue() == CaseQueue.GOVERNANCE, event.getAcknowledgeBy());
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

	record CaseWasRouted(String eventId, String reportId, boolean governance, Instant acknowledgeBy) {
	}

}
