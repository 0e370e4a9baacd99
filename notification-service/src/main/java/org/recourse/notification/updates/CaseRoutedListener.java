package org.recourse.notification.updates;

import org.recourse.events.CaseRouted;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class CaseRoutedListener {

	private final ComposingUpdate composing;

	CaseRoutedListener(ComposingUpdate composing) {
		this.composing = composing;
	}

	@KafkaListener(topics = "recourse.cases", groupId = "notification-service")
	void on(CaseRouted event) {
		this.composing.routed(UpdateMessages.routed(event));
	}

}
