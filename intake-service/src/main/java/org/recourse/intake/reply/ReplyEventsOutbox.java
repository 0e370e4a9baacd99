package org.recourse.intake.reply;

import java.time.Instant;
import java.util.UUID;

import org.recourse.events.OutcomeContested;
import org.recourse.events.ReporterReplied;
import org.recourse.events.serde.AvroEventSerializer;
import org.recourse.intake.outbox.OutboxEvent;

import org.springframework.stereotype.Component;

/**
 * Reporter actions go on the reports topic, {@value #REPORTS}, keyed by report id, after
 * the report itself.
 */
@Component
class ReplyEventsOutbox {

	static final String REPORTS = "recourse.reports";

	private final AvroEventSerializer serializer = new AvroEventSerializer();

	OutboxEvent replied(String reportId, String eventId, Instant at, String message) {
		ReporterReplied event = new ReporterReplied(UUID.fromString(eventId), at, UUID.fromString(reportId), message);
		return new OutboxEvent(eventId, REPORTS, reportId, this.serializer.serialize(REPORTS, event), at);
	}

	OutboxEvent contested(String reportId, String eventId, Instant at, String reason) {
		OutcomeContested event = new OutcomeContested(UUID.fromString(eventId), at, UUID.fromString(reportId), reason);
		return new OutboxEvent(eventId, REPORTS, reportId, this.serializer.serialize(REPORTS, event), at);
	}

}
