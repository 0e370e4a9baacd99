package org.recourse.notification.owners;

import org.recourse.events.CaseAcknowledged;
import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseReassigned;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReporterAnswerReceived;
import org.recourse.events.SlaWarning;

import org.springframework.kafka.annotation.KafkaHandler;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * The case events staff hear about, in a consumer group of their own so that reporter
 * updates and staff notices neither wait for nor repeat each other. Others are passed
 * over.
 */
@Component
@KafkaListener(topics = "recourse.cases", groupId = "notification-service-staff")
class StaffCaseEventsListener {

	private final NotifyingStaff notifying;

	StaffCaseEventsListener(NotifyingStaff notifying) {
		this.notifying = notifying;
	}

	@KafkaHandler
	void on(CaseRouted event) {
		this.notifying.caseOpened(StaffMessages.routed(event));
	}

	@KafkaHandler
	void on(CaseReassigned event) {
		this.notifying.caseReassigned(StaffMessages.reassigned(event));
	}

	@KafkaHandler
	void on(CaseAcknowledged event) {
		this.notifying.caseAcknowledged(event.getCaseId());
	}

	@KafkaHandler
	void on(ReporterAnswerReceived event) {
		this.notifying.reporterAnswered(StaffMessages.answered(event));
	}

	@KafkaHandler
	void on(SlaWarning event) {
		this.notifying.deadlineNear(StaffMessages.warned(event));
	}

	@KafkaHandler
	void on(CaseEscalated event) {
		this.notifying.caseEscalated(StaffMessages.escalated(event));
	}

	@KafkaHandler(isDefault = true)
	void passOver(Object other) {
	}

}
