package org.recourse.events.deadletter;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Makes what the Kafka error handler does visible: each dead-lettered record is counted
 * as {@code recourse_kafka_dead_letters_total{topic}} (the topic it came from; it went to
 * {@code <topic>.DLT}) and logged with its {@link DeadLetterReason reason}; a record held
 * up by a transient failure is logged on its first try and every tenth. Log lines name
 * the record by topic, partition and offset, never by its contents. Any other
 * {@link RetryListener} bean is registered beside. The registry is looked up when a
 * record is dead-lettered, so this post-processor does not initialise it early. Shared by
 * the three services; each declares it from a {@code static} bean method.
 */
public class DeadLetterMetrics implements BeanPostProcessor {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterMetrics.class);

	private static final int LOG_EVERY = 10;

	private final ObjectProvider<MeterRegistry> meters;

	private final ObjectProvider<RetryListener> others;

	public DeadLetterMetrics(ObjectProvider<MeterRegistry> meters, ObjectProvider<RetryListener> others) {
		this.meters = meters;
		this.others = others;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DefaultErrorHandler handler) {
			List<RetryListener> listeners = new ArrayList<>();
			listeners.add(new Observer());
			this.others.orderedStream().forEach(listeners::add);
			handler.setRetryListeners(listeners.toArray(RetryListener[]::new));
		}
		return bean;
	}

	private static String where(ConsumerRecord<?, ?> record) {
		return record.topic() + "-" + record.partition() + "@" + record.offset();
	}

	private final class Observer implements RetryListener {

		@Override
		public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
			if (DeadLetterPolicy.isTransient(ex) && (deliveryAttempt == 1 || deliveryAttempt % LOG_EVERY == 0)) {
				logger.warn("Cannot handle {} yet, attempt {} ({}); retrying until it succeeds", where(record),
						deliveryAttempt, DeadLetterReason.of(ex));
			}
		}

		@Override
		public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
			DeadLetterMetrics.this.meters.getObject()
				.counter("recourse.kafka.dead.letters", "topic", record.topic())
				.increment();
			logger.warn("Dead-lettered {} to {}.DLT: {}", where(record), record.topic(), DeadLetterReason.of(ex));
		}

	}

}
