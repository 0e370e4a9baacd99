package org.recourse.intake.system;

import org.apache.kafka.clients.admin.NewTopic;
import org.recourse.events.deadletter.DeadLetterMetrics;
import org.recourse.events.deadletter.DeadLetterPolicy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.RetryListener;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The topics intake writes and reads, and what happens to a record that cannot be handled
 * ({@link DeadLetterPolicy}, {@code recourse.consumer.*}): one that can never succeed
 * goes to its dead-letter topic ({@code <topic>.DLT}) at once with the reason in the
 * headers; the store or broker being away is waited out; anything else is retried
 * briefly, then dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DeadLetterPolicy.Settings.class)
class KafkaConfiguration {

	/**
	 * Counts and logs dead-lettered records
	 * ({@code recourse_kafka_dead_letters_total{topic}}).
	 */
	@Bean
	static DeadLetterMetrics deadLetterMetrics(ObjectProvider<MeterRegistry> meters,
			ObjectProvider<RetryListener> others) {
		return new DeadLetterMetrics(meters, others);
	}

	@Bean
	KafkaAdmin.NewTopics intakeTopics(Topics topics) {
		return new KafkaAdmin.NewTopics(topic("recourse.reports", topics), topic("recourse.reporter-contacts", topics),
				topic("recourse.reporter-updates", topics), topic("recourse.reporter-updates.DLT", topics));
	}

	@Bean
	DefaultErrorHandler kafkaErrorHandler(KafkaOperations<Object, Object> template,
			DeadLetterPolicy.Settings settings) {
		return DeadLetterPolicy.errorHandler(template, settings);
	}

	private static NewTopic topic(String name, Topics topics) {
		return TopicBuilder.name(name).partitions(topics.partitions()).replicas(topics.replicas()).build();
	}

	@ConfigurationProperties("recourse.topics")
	record Topics(@DefaultValue("3") int partitions, @DefaultValue("1") short replicas) {
	}

}
