package org.recourse.triage.system;

import org.recourse.events.outbox.OutboxRelay;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outbox relay over this service's collection ({@code recourse.outbox.*} in
 * application.yml).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxRelay.Settings.class)
class OutboxConfiguration {

	@Bean
	OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<Object, Object> kafka, OutboxRelay.Settings settings,
			MeterRegistry meters) {
		return new OutboxRelay(mongo, kafka, settings, meters);
	}

}
