package org.recourse.triage.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.CaseQueue;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseRepository;
import org.recourse.triage.cases.Queue;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.recourse.triage.routing.ReportMother.key;
import static org.recourse.triage.routing.ReportMother.reportAbout;

/**
 * The routing flow against real MongoDB and a real Kafka broker, for what the embedded
 * stand-ins cannot prove (the unique index of a real server, a broker of the production
 * version). Skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = "recourse.topics.partitions=1")
class RoutingWithRealMongoAndKafkaTests {

	private static final String REPORTS = "recourse.reports";

	private static final String CASES = "recourse.cases";

	@Container
	@ServiceConnection
	static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");

	@Container
	@ServiceConnection
	static KafkaContainer kafkaBroker = new KafkaContainer("apache/kafka:4.1.2");

	@TestBean(methodName = "org.recourse.triage.routing.ReportMother#openingClock")
	Clock clock;

	@Autowired
	CaseRepository cases;

	private KafkaProbe kafka;

	@BeforeEach
	void connect() {
		this.kafka = new KafkaProbe(kafkaBroker.getBootstrapServers());
	}

	@AfterEach
	void disconnect() {
		this.kafka.close();
	}

	@Test
	void routesAReportDeliveredTwiceToItsOwnerOnce() throws Exception {
		ReportSubmitted report = reportAbout("hr-assistant");
		ReportSubmitted after = reportAbout("support-chatbot");

		this.kafka.send(REPORTS, key(report), report);
		this.kafka.send(REPORTS, key(report), report);
		this.kafka.send(REPORTS, key(after), after);

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.cases.findByReportId(key(after)).isPresent() && outboxDrained());
		assertThat(this.cases.findAll()).filteredOn((found) -> found.getReportId().equals(key(report)))
			.singleElement()
			.satisfies((routed) -> {
				assertThat(routed.getQueue()).isEqualTo(Queue.OWNER);
				assertThat(routed.getOwnerId()).isEqualTo("alice.owner");
				assertThat(routed.getAcknowledgeBy()).isEqualTo(Instant.parse("2026-06-10T09:00:00Z"));
				assertThat(routed.getResolveBy()).isEqualTo(Instant.parse("2026-06-23T09:00:00Z"));
			});
		assertThat(caseRoutedEvents(report)).singleElement().satisfies((event) -> {
			assertThat(event.getQueue()).isEqualTo(CaseQueue.OWNER);
			assertThat(event.getOwnerId()).isEqualTo("alice.owner");
		});
	}

	private List<CaseRouted> caseRoutedEvents(ReportSubmitted report) {
		return this.kafka.events(CASES, key(report)).stream().map(CaseRouted.class::cast).toList();
	}

	private boolean outboxDrained() {
		return this.cases.findAll().stream().allMatch((found) -> found.getOutbox().isEmpty());
	}

}
