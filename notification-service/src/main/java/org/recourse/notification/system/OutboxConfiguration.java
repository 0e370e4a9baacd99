package org.recourse.notification.system;

import org.recourse.events.outbox.OutboxRelay;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.KafkaTemplate;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The outbox relays: one over the reporter updates ({@code recourse.outbox.*} in
 * application.yml), which also carry the outcomes of reporter e-mails, and one over the
 * staff notifications, which carry the outcomes of staff e-mails and webhook posts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboxRelay.Settings.class)
class OutboxConfiguration {

	@Bean
	@Primary
	OutboxRelay outboxRelay(MongoTemplate mongo, KafkaTemplate<Object, Object> kafka, OutboxRelay.Settings settings,
			MeterRegistry meters) {
		return new OutboxRelay(mongo, kafka, settings, meters);
	}

	@Bean
	OutboxRelay staffNotificationsRelay(MongoTemplate mongo, KafkaTemplate<Object, Object> kafka,
			OutboxRelay.Settings settings, MeterRegistry meters) {
		return new OutboxRelay(mongo, kafka,
				new OutboxRelay.Settings("staff_notifications", "createdAt", settings.batchSize(),
						settings.pollInterval(), settings.initialBackoff(), settings.maxBackoff(),
						settings.sendTimeout(), settings.sweepInterval()),
				meters);
	}

}
