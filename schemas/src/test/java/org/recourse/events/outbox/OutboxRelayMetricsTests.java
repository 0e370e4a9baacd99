package org.recourse.events.outbox;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelayMetricsTests {

	@Test
	void twoRelaysInOneServiceEachShowTheirBacklogAndThroughput() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();

		new OutboxRelay(null, null, settings("reporter_updates"), meters);
		new OutboxRelay(null, null, settings("staff_notifications"), meters);

		for (String collection : new String[] { "reporter_updates", "staff_notifications" }) {
			assertThat(meters.find("recourse.outbox.pending.documents").tag("collection", collection).gauge())
				.as("backlog gauge of " + collection)
				.isNotNull();
			assertThat(meters.find("recourse.outbox.published").tag("collection", collection).counter())
				.as("published counter of " + collection)
				.isNotNull();
		}
	}

	private static OutboxRelay.Settings settings(String collection) {
		return new OutboxRelay.Settings(collection, "createdAt", 100, Duration.ofSeconds(5), Duration.ofMillis(200),
				Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(30));
	}

}
