package org.recourse.intake.system;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.TopicPartition;
import org.recourse.events.deadletter.DeadLetterMetrics;
import org.recourse.events.deadletter.StoreOutages;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The topics intake writes and reads, and what happens to a record that cannot be
 * handled: a few retries with backoff, then its dead-letter topic ({@code <topic>.DLT})
 * with the reason in the headers, so no record blocks a partition. A record that failed
 * because the store could not be reached is no such record: it is retried until the store
 * is back ({@link StoreOutages}).
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

	/**
	 * Counts dead-lettered records as {@code recourse_kafka_dead_letters_total{topic}}.
	 */
	@Bean
	static DeadLetterMetrics deadLetterMetrics(ObjectProvider<MeterRegistry> meters) {
		return new DeadLetterMetrics(meters);
	}

	@Bean
	KafkaAdmin.NewTopics intakeTopics(Topics topics) {
		return new KafkaAdmin.NewTopics(topic("recourse.reports", topics), topic("recourse.reporter-contacts", topics),
				topic("recourse.reporter-updates", topics), topic("recourse.reporter-updates.DLT", topics));
	}

	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> template) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(record.topic() + ".DLT", -1));
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxElapsedTime(10_000);
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, backOff);
		handler.setBackOffFunction(StoreOutages.backOff());
		return handler;
	}

	private static NewTopic topic(String name, Topics topics) {
		return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicas()).build();
	}

	@ConfigurationProperties("recourse.topics")
	record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicas) {
	}

}
