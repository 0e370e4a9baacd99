package org.recourse.intake.report;

import java.time.Instant;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.recourse.events.OutcomeContested;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.ReporterContactRegistered;
import org.recourse.events.ReporterReplied;
import org.recourse.events.serde.AvroEventSerializer;
import org.recourse.events.outbox.OutboxEvent;

import org.springframework.stereotype.Component;

/**
 * The one place that knows where report events go: reports on {@value #REPORTS}, sealed
 * contacts on their own topic {@value #CONTACTS} so that only notification-service ever
 * receives them. Keyed by report id.
 */
@Component
public class ReportEventsOutbox {

	static final String REPORTS = "recourse.reports";

	static final String CONTACTS = "recourse.reporter-contacts";

	private final AvroEventSerializer serializer = new AvroEventSerializer();

	OutboxEvent submitted(Report report) {
		ReportSubmitted event = ReportMessages.submitted(report);
		return encode(REPORTS, report, event.getEventId(), event);
	}

	OutboxEvent contactRegistered(Report report, byte[] sealedContact) {
		ReporterContactRegistered event = ReportMessages.contactRegistered(report, sealedContact);
		return encode(CONTACTS, report, event.getEventId(), event);
	}

	public OutboxEvent replied(String reportId, String eventId, Instant at, String message) {
		return encode(REPORTS, reportId, eventId, at,
				new ReporterReplied(UUID.fromString(eventId), at, UUID.fromString(reportId), message));
	}

	public OutboxEvent contested(String reportId, String eventId, Instant at, String reason) {
		return encode(REPORTS, reportId, eventId, at,
				new OutcomeContested(UUID.fromString(eventId), at, UUID.fromString(reportId), reason));
	}

	private OutboxEvent encode(String topic, String reportId, String eventId, Instant at, SpecificRecord event) {
		return new OutboxEvent(eventId, topic, reportId, this.serializer.serialize(topic, event), at);
	}

	private OutboxEvent encode(String topic, Report report, UUID eventId, SpecificRecord event) {
		return encode(topic, report.getId(), eventId.toString(), Instant.now(), event);
	}

}
