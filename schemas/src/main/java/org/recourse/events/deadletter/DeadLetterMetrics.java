package org.recourse.events.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the records the Kafka error handler gave up on and dead-lettered, as
 * {@code recourse_kafka_dead_letters_total{topic}} (the topic they came from; they went
 * to {@code <topic>.DLT}). The registry is looked up when a record is dead-lettered, so
 * this post-processor does not initialise it early. Shared by the three services; each
 * declares it from a {@code static} bean method.
 */
public class DeadLetterMetrics implements BeanPostProcessor {

	private final ObjectProvider<MeterRegistry> meters;

	public DeadLetterMetrics(ObjectProvider<MeterRegistry> meters) {
		this.meters = meters;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DefaultErrorHandler handler) {
			handler.setRetryListeners(new RetryListener() {

				@Override
				public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
				}

				@Override
				public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
					DeadLetterMetrics.this.meters.getObject()
						.counter("recourse.kafka.dead.letters", "topic", record.topic())
						.increment();
				}

			});
		}
		return bean;
	}

}
