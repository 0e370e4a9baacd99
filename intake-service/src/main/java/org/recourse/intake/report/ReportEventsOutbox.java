package org.recourse.intake.report;

import java.time.Instant;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.ReporterContactRegistered;
import org.recourse.events.serde.AvroEventSerializer;
import org.recourse.intake.outbox.OutboxEvent;

import org.springframework.stereotype.Component;

/**
 * The one place that knows where report events go: reports on {@value #REPORTS}, sealed
 * contacts on their own topic {@value #CONTACTS} so that only notification-service ever
 * receives them. Keyed by report id.
 */
@Component
class ReportEventsOutbox {

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

	private OutboxEvent encode(String topic, Report report, UUID eventId, SpecificRecord event) {
		return new OutboxEvent(eventId.toString(), topic, report.getId(), this.serializer.serialize(topic, event),
				Instant.now());
	}

}
