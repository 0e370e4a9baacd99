package org.recourse.triage.routing;

import java.time.Clock;

import org.recourse.events.OutcomeContested;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.ReporterReplied;
import org.recourse.events.deadletter.UnprocessableEventException;
import org.recourse.triage.cases.WorkingOnCase;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Everything intake publishes about a report arrives on one topic, in order, read by one
 * consumer group (so a poison record is dead-lettered once): submissions go to routing,
 * the reporter's later messages to the conversation feature, anything else to the
 * dead-letter topic.
 */
@Component
@KafkaListener(topics = "recourse.reports", groupId = "triage-service")
class ReportEventsListener {

	private final RoutingReport routing;

	private final WorkingOnCase cases;

	private final Clock clock;

	ReportEventsListener(RoutingReport routing, WorkingOnCase cases, Clock clock) {
		this.routing = routing;
		this.cases = cases;
		this.clock = clock;
	}

	@KafkaHandler
	void on(ReportSubmitted event) {
		this.routing.route(RoutingMessages.incoming(event, this.clock));
	}

	@KafkaHandler
	void on(ReporterReplied event) {
		this.cases.reporterWrote(event.getReportId().toString(), RoutingMessages.reply(event, this.clock));
	}

	@KafkaHandler
	void on(OutcomeContested event) {
		this.cases.reporterWrote(event.getReportId().toString(), RoutingMessages.contest(event, this.clock));
	}

	@KafkaHandler(isDefault = true)
	void refuse(Object other) {
		throw new UnprocessableEventException(
				other.getClass().getSimpleName() + " does not belong on recourse.reports");
	}

}
