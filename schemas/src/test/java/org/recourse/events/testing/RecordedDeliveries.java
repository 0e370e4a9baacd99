package org.recourse.events.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.listener.RetryListener;

/**
 * Remembers, by record key, each failed delivery attempt and each dead-lettering the
 * service's Kafka error handler reports. Registered as a bean, it sits beside the
 * service's own retry listener (see DeadLetterMetrics), so a test can tell a record sent
 * to the dead-letter topic at once (one failed attempt) from one retried first.
 */
public final class RecordedDeliveries implements RetryListener {

	private final Map<String, List<Integer>> failedAttempts = new ConcurrentHashMap<>();

	private final Set<String> deadLettered = ConcurrentHashMap.newKeySet();

	@Override
	public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
		this.failedAttempts.computeIfAbsent(String.valueOf(record.key()), (key) -> new CopyOnWriteArrayList<>())
			.add(deliveryAttempt);
	}

	@Override
	public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
		this.deadLettered.add(String.valueOf(record.key()));
	}

	/** The attempt numbers that failed for records with this key, in order. */
	public List<Integer> failedAttempts(String key) {
		return List.copyOf(this.failedAttempts.getOrDefault(key, List.of()));
	}

	public boolean deadLettered(String key) {
		return this.deadLettered.contains(key);
	}

}
