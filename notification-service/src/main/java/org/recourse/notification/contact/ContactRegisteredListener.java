package org.recourse.notification.contact;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import org.recourse.events.ReporterContactRegistered;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class ContactRegisteredListener {

	private final StoringContact storing;

	ContactRegisteredListener(StoringContact storing) {
		this.storing = storing;
	}

	@KafkaListener(topics = "recourse.reporter-contacts", groupId = "notification-service")
	void on(ReporterContactRegistered event) throws GeneralSecurityException {
		this.storing.store(event.getReportId().toString(), event.getReporterRef(), event.getSealedContact().array());
	}

}
