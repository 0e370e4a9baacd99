package org.recourse.intake.status;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.recourse.events.ReporterUpdateType;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.PoisonRecords;
import org.recourse.events.testing.RecordedDeliveries;
import org.recourse.intake.report.Report;
import org.recourse.intake.report.ReportFormMother;
import org.recourse.intake.report.SubmittingReport;
import org.recourse.intake.report.SubmittingReport.Receipt;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The store going away is not the record's fault: an update that arrives while the store
 * is unreachable is retried, for longer than an unexpected failure is allowed (here 1 s),
 * and recorded once the store is back, never dead-lettered.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1", "recourse.triage.base-url=http://127.0.0.1:1",
		"recourse.receipt.bcrypt-strength=4", "recourse.consumer.give-up-after=1s",
		"recourse.consumer.max-backoff=1s" })
@EmbeddedKafka(partitions = 1,
		topics = { "recourse.reports", "recourse.reporter-contacts", StoreOutageTests.UPDATES,
				StoreOutageTests.UPDATES + ".DLT" })
@Import(RecordedDeliveries.class)
@DirtiesContext
class StoreOutageTests {

	static final String UPDATES = "recourse.reporter-updates";

	private static final EmbeddedMongo server = EmbeddedMongo.start();

	private static final UnpluggableStore cable = UnpluggableStore.inFrontOf(server.address());

	@Autowired
	private SubmittingReport submitting;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private RecordedDeliveries deliveries;

	@Value("${spring.embedded.kafka.brokers}")
	private String brokers;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri",
				() -> cable.uri("recourse_intake", "serverSelectionTimeoutMS=500&connectTimeoutMS=500"));
	}

	@AfterAll
	static void removeCable() {
		cable.close();
	}

	@Test
	void retriesAnUpdateWhileTheStoreIsAwayAndRecordsItWhenItIsBack() {
		Receipt receipt = this.submitting.submit(ReportFormMother.valid());
		String key = receipt.reportId();

		cable.unplug();
		try {
			PoisonRecords.send(this.brokers, UPDATES, key, PoisonRecords
				.encoded(UpdateMother.update(key, ReporterUpdateType.ACKNOWLEDGED, "Your report was acknowledged.")));
			await().atMost(Duration.ofSeconds(60))
				.until(() -> this.deliveries.deadLettered(key) || this.deliveries.failedAttempts(key).size() >= 4);
			assertThat(this.deliveries.deadLettered(key)).as("dead-lettered while the store was away").isFalse();
		}
		finally {
			cable.plugIn();
		}

		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.mongo.findById(key, Report.class).getTimeline().size() == 1);
		assertThat(this.deliveries.deadLettered(key)).isFalse();
		assertThat(PoisonRecords.readAll(this.brokers, UPDATES + ".DLT"))
			.noneMatch((record) -> key.equals(record.key()));
	}

}
