package org.recourse.notification.updates;

import java.time.Instant;

import org.recourse.events.ReporterUpdate;
import org.recourse.events.serde.AvroEventSerializer;
import org.recourse.events.outbox.OutboxEvent;

import org.springframework.stereotype.Component;

/**
 * The one place that knows where reporter updates go: {@value #UPDATES}, keyed by report
 * id.
 */
@Component
class UpdateEventsOutbox {

	static final String UPDATES = "recourse.reporter-updates";

	private final AvroEventSerializer serializer = new AvroEventSerializer();

	OutboxEvent update(ReporterUpdateRecord record) {
		ReporterUpdate event = UpdateMessages.update(record);
		return new OutboxEvent(event.getEventId().toString(), UPDATES, record.getReportId(),
				this.serializer.serialize(UPDATES, event), Instant.now());
	}

}
