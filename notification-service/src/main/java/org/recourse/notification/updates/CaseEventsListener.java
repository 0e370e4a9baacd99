package org.recourse.notification.updates;

import java.time.Clock;
import java.time.Instant;

import org.recourse.events.CaseAcknowledged;
import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseReassigned;
import org.recourse.events.CaseReopened;
import org.recourse.events.CaseResolved;
import org.recourse.events.CaseRouted;
import org.recourse.events.InformationRequested;
import org.recourse.events.deadletter.EventChecks;
import org.recourse.notification.contact.ContactRetention;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The case events the reporter should hear about (a resolution also starts the countdown
 * to forgetting their contact, a reopening stops it; a resolution from an impossible time
 * would forget it at once or never, and is dead-lettered). Others on the topic (such as
 * the clocks resuming after an answer) need no words for the reporter and are passed
 * over.
 */
@Component
@KafkaListener(topics = "recourse.cases", groupId = "notification-service")
class CaseEventsListener {

	private final ComposingUpdate composing;

	private final ContactRetention retention;

	private final Clock clock;

	CaseEventsListener(ComposingUpdate composing, ContactRetention retention, Clock clock) {
		this.composing = composing;
		this.retention = retention;
		this.clock = clock;
	}

	@KafkaHandler
	void on(CaseRouted event) {
		this.composing.routed(UpdateMessages.routed(event));
	}

	@KafkaHandler
	void on(CaseAcknowledged event) {
		this.composing.compose(UpdateMessages.acknowledged(event));
	}

	@KafkaHandler
	void on(InformationRequested event) {
		this.composing.compose(UpdateMessages.question(event));
	}

	@KafkaHandler
	void on(CaseReassigned event) {
		this.composing.compose(UpdateMessages.reassigned(event));
	}

	@KafkaHandler
	void on(CaseEscalated event) {
		this.composing.compose(UpdateMessages.escalated(event));
	}

	@KafkaHandler
	void on(CaseResolved event) {
		Instant closedAt = EventChecks.happened("CaseResolved.occurredAt", event.getOccurredAt(), this.clock);
		this.composing.compose(UpdateMessages.resolved(event));
		this.retention.caseClosed(event.getReportId().toString(), closedAt);
	}

	@KafkaHandler
	void on(CaseReopened event) {
		this.composing.compose(UpdateMessages.reopened(event));
		this.retention.caseReopened(event.getReportId().toString());
	}

	@KafkaHandler(isDefault = true)
	void passOver(Object other) {
	}

}
