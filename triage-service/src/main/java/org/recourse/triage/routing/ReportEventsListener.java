package org.recourse.triage.routing;

import org.recourse.events.OutcomeContested;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.ReporterReplied;
import org.recourse.triage.cases.ReporterMessage;
import org.recourse.triage.cases.WorkingOnCase;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Everything intake publishes about a report arrives on one topic, in order, read by one
 * consumer group (so a poison record is dead-lettered once): submissions go to routing,
 * the reporter's later messages to the conversation feature.
 */
@Component
@KafkaListener(topics = "recourse.reports", groupId = "triage-service")
class ReportEventsListener {

	private final RoutingReport routing;

	private final WorkingOnCase cases;

	ReportEventsListener(RoutingReport routing, WorkingOnCase cases) {
		this.routing = routing;
		this.cases = cases;
	}

	@KafkaHandler
	void on(ReportSubmitted event) {
		this.routing.route(RoutingMessages.incoming(event));
	}

	@KafkaHandler
	void on(ReporterReplied event) {
		this.cases.reporterWrote(event.getReportId().toString(), new ReporterMessage(event.getEventId().toString(),
				event.getOccurredAt(), ReporterMessage.Kind.REPLY, event.getMessage()));
	}

	@KafkaHandler
	void on(OutcomeContested event) {
		this.cases.reporterWrote(event.getReportId().toString(), new ReporterMessage(event.getEventId().toString(),
				event.getOccurredAt(), ReporterMessage.Kind.CONTEST, event.getReason()));
	}

}
