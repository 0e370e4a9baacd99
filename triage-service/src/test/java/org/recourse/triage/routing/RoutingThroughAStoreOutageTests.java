package org.recourse.triage.routing;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.recourse.events.ReportSubmitted;
import org.recourse.triage.EmbeddedMongo;
import org.recourse.triage.KafkaProbe;
import org.recourse.triage.StoreLink;
import org.recourse.triage.cases.CaseRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.recourse.triage.routing.ReportMother.key;
import static org.recourse.triage.routing.ReportMother.reportAbout;

/**
 * A report that arrives while the store cannot be reached, for longer than the error
 * handler's usual retries of a failing record, is routed once the store is back: an
 * outage is not a poison record, so nothing goes to the dead-letter topic. The driver
 * gives up on the store after 1 s here, so the usual six attempts (back-off 0.5 s
 * doubling) end after about 22 s; with the default 30 s per attempt they would end after
 * about 3 minutes of outage.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1" })
@EmbeddedKafka(partitions = 1,
		topics = { RoutingFlowTests.REPORTS, RoutingFlowTests.REPORTS_DLT, RoutingFlowTests.CASES })
@DirtiesContext
class RoutingThroughAStoreOutageTests {

	private static final Duration OUTAGE = Duration.ofSeconds(30);

	private static final StoreLink link = new StoreLink(EmbeddedMongo.start().uri("recourse_triage"));

	@TestBean(methodName = "org.recourse.triage.routing.ReportMother#openingClock")
	Clock clock;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	CaseRepository cases;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> link.uri("recourse_triage")
				+ "?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000&socketTimeoutMS=5000");
	}

	@AfterAll
	static void closeLink() {
		link.close();
	}

	@Test
	void routesAReportThatArrivedWhileTheStoreWasUnreachableOnceItIsBack() throws Exception {
		ReportSubmitted before = reportAbout("hr-assistant");
		ReportSubmitted during = reportAbout("code-copilot");
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
		try (KafkaProbe kafka = new KafkaProbe(this.broker.getBrokersAsString())) {
			kafka.send(RoutingFlowTests.REPORTS, key(before), before);
			await().atMost(Duration.ofSeconds(30)).until(() -> this.cases.findByReportId(key(before)).isPresent());

			link.cut();
			kafka.send(RoutingFlowTests.REPORTS, key(during), during);
			ScheduledFuture<?> back = timer.schedule(link::restore, OUTAGE.toMillis(), TimeUnit.MILLISECONDS);
			await().atMost(OUTAGE.plusSeconds(10)).until(back::isDone);

			await().atMost(Duration.ofSeconds(60))
				.ignoreExceptions()
				.until(() -> this.cases.findByReportId(key(during)).isPresent());
			assertThat(kafka.records(RoutingFlowTests.REPORTS_DLT)).as("dead letters")
				.extracting(ConsumerRecord::key)
				.isEmpty();
		}
		finally {
			timer.shutdownNow();
		}
	}

}
