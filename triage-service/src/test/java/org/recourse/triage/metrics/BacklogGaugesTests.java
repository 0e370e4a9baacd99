package org.recourse.triage.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.triage.cases.CaseStore;
import org.recourse.triage.registry.AiSystemRepository;

import org.springframework.data.mongodb.core.MongoTemplate;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The open backlog gauges against a MongoDB-protocol store: open cases counted by state,
 * severity and age band; closed ones never.
 */
class BacklogGaugesTests {

	private static final EmbeddedMongo store = EmbeddedMongo.start();

	private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

	private static MongoClient client;

	private static MongoTemplate mongo;

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	@BeforeAll
	static void connect() {
		client = MongoClients.create(store.uri(""));
		mongo = new MongoTemplate(client, "backlog_" + UUID.randomUUID().toString().substring(0, 8));
	}

	@AfterAll
	static void disconnect() {
		client.close();
	}

	@Test
	void countsOpenCasesByStateSeverityAndAgeBand() {
		insert("ROUTED", "HIGH", Duration.ofHours(2));
		insert("ROUTED", "HIGH", Duration.ofHours(23));
		insert("ROUTED", "HIGH", Duration.ofDays(1));
		insert("ACKNOWLEDGED", "LOW", Duration.ofDays(6));
		insert("IN_PROGRESS", "CRITICAL", Duration.ofDays(29));
		insert("REOPENED", "MEDIUM", Duration.ofDays(400));
		insert("ROUTED", "MEDIUM", Duration.ofMinutes(-5));
		insert("CLOSED", "HIGH", Duration.ofHours(1));

		gauges().refresh();

		assertThat(open("routed", "high", "lt_1d")).isEqualTo(2);
		assertThat(open("routed", "high", "1d_7d")).isEqualTo(1);
		assertThat(open("acknowledged", "low", "1d_7d")).isEqualTo(1);
		assertThat(open("in_progress", "critical", "7d_30d")).isEqualTo(1);
		assertThat(open("reopened", "medium", "gt_30d")).isEqualTo(1);
		assertThat(open("routed", "medium", "lt_1d")).as("opened by a clock a little ahead").isEqualTo(1);
		assertThat(open("acknowledged", "high", "lt_1d")).isZero();
		assertThat(this.meters.get("recourse.cases.open").gauges())
			.noneSatisfy((gauge) -> assertThat(gauge.getId().getTag("state")).isEqualTo("closed"))
			.extracting((gauge) -> gauge.value())
			.containsOnly(0.0, 1.0, 2.0);
	}

	private BacklogGauges gauges() {
		AiSystemRepository systems = mock(AiSystemRepository.class);
		return new BacklogGauges(mongo, systems, new CaseMetrics(this.meters, systems), this.meters,
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	private double open(String state, String severity, String age) {
		return this.meters.get("recourse.cases.open")
			.tag("state", state)
			.tag("severity", severity)
			.tag("age", age)
			.gauge()
			.value();
	}

	private static void insert(String state, String severity, Duration age) {
		mongo.insert(new Document("_id", UUID.randomUUID().toString()).append("state", state)
			.append("severity", severity)
			.append("openedAt", Date.from(NOW.minus(age)))
			.append("report", new Document("aiSystemId", "hr-assistant")), CaseStore.WORKING);
	}

}
