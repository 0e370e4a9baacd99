package org.recourse.triage.routing;

import org.recourse.events.ReportSubmitted;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class ReportSubmittedListener {

	private final RoutingReport routing;

	ReportSubmittedListener(RoutingReport routing) {
		this.routing = routing;
	}

	@KafkaListener(topics = "recourse.reports", groupId = "triage-service")
	void on(ReportSubmitted event) {
		this.routing.route(RoutingMessages.incoming(event));
	}

}
