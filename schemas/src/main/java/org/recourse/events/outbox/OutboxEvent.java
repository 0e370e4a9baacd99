package org.recourse.events.outbox;

import java.time.Instant;

/**
 * An encoded event waiting in its document for the relay. The payload is the final Kafka
 * record value, so anything sealed inside it (a reporter's contact) stays sealed and is
 * dropped from the store once published.
 */
public record OutboxEvent(String eventId, String topic, String key, byte[] payload, Instant createdAt) {

	@Override
	public String toString() {
		return "OutboxEvent[" + this.eventId + " → " + this.topic + "]";
	}

}
