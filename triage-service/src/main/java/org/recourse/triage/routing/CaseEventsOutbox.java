package org.recourse.triage.routing;

import java.time.Instant;

import org.recourse.events.CaseRouted;
import org.recourse.events.serde.AvroEventSerializer;
import org.recourse.triage.cases.Case;
import org.recourse.triage.outbox.OutboxEvent;

import org.springframework.stereotype.Component;

/** The one place that knows where case events go: {@value #CASES}, keyed by report id. */
@Component
class CaseEventsOutbox {

	static final String CASES = "recourse.cases";

	private final AvroEventSerializer serializer = new AvroEventSerializer();

	OutboxEvent routed(Case routed) {
		CaseRouted event = RoutingMessages.routed(routed);
		return new OutboxEvent(event.getEventId().toString(), CASES, routed.getReportId(),
				this.serializer.serialize(CASES, event), Instant.now());
	}

}
