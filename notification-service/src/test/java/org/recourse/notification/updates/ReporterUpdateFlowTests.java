package org.recourse.notification.updates;

import java.time.Duration;
import java.util.List;

import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReporterUpdate;
import org.recourse.events.ReporterUpdateType;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.KafkaProbe;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.recourse.notification.updates.CaseEventMother.key;
import static org.recourse.notification.updates.CaseEventMother.routedToGovernance;
import static org.recourse.notification.updates.CaseEventMother.routedToOwner;

/**
 * Case events in on a real (embedded) broker, update records in a MongoDB-protocol store,
 * reporter updates out. Updates are shown in UTC.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1" })
@EmbeddedKafka(partitions = 1,
		topics = { ReporterUpdateFlowTests.CASES, "recourse.cases.DLT", "recourse.reporter-contacts",
				"recourse.reporter-contacts.DLT", ReporterUpdateFlowTests.UPDATES })
@DirtiesContext
class ReporterUpdateFlowTests {

	static final String CASES = "recourse.cases";

	static final String UPDATES = "recourse.reporter-updates";

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoTemplate store;

	private KafkaProbe kafka;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri("recourse_notification"));
	}

	@BeforeEach
	void connect() {
		this.kafka = new KafkaProbe(this.broker.getBrokersAsString());
	}

	@AfterEach
	void disconnect() {
		this.kafka.close();
	}

	@Test
	void tellsTheReporterWhenTheOwnerMustAcknowledge() throws Exception {
		CaseRouted routed = routedToOwner();

		this.kafka.send(CASES, key(routed), routed);

		eventually().untilAsserted(() -> assertThat(updates(routed)).singleElement().satisfies((update) -> {
			assertThat(update.getType()).isEqualTo(ReporterUpdateType.RECEIVED);
			assertThat(update.getReportId()).isEqualTo(routed.getReportId());
			assertThat(update.getCauseEventId()).isEqualTo(routed.getEventId().toString());
			assertThat(update.getMessage()).contains("must acknowledge it by Wednesday 10 June 2026, 09:00 UTC")
				.doesNotContain("alice");
		}));
	}

	@Test
	void composesNoSecondUpdateForARedeliveredCaseEvent() throws Exception {
		CaseRouted routed = routedToOwner();
		CaseRouted after = routedToOwner();

		this.kafka.send(CASES, key(routed), routed);
		this.kafka.send(CASES, key(routed), routed);
		this.kafka.send(CASES, key(after), after);

		eventually().until(() -> !updates(after).isEmpty() && outboxDrained());
		assertThat(updates(routed)).hasSize(1);
	}

	@Test
	void tellsTheReporterWhenComplianceTakesACaseNobodyOwns() throws Exception {
		CaseRouted routed = routedToGovernance();

		this.kafka.send(CASES, key(routed), routed);

		eventually().untilAsserted(() -> assertThat(updates(routed)).singleElement()
			.extracting(ReporterUpdate::getMessage)
			.asString()
			.contains("compliance team", "must acknowledge it by Wednesday 10 June 2026, 09:00 UTC")
			.doesNotContainIgnoringCase("owner"));
	}

	@Test
	void tellsTheReporterThatTheCaseWasEscalatedButNotToWhom() throws Exception {
		CaseEscalated escalated = CaseEventMother.escalatedToDeputy();
		String key = escalated.getReportId().toString();

		this.kafka.send(CASES, key, escalated);

		eventually().untilAsserted(() -> assertThat(this.kafka.events(UPDATES, key)).singleElement()
			.isInstanceOfSatisfying(ReporterUpdate.class, (update) -> {
				assertThat(update.getType()).isEqualTo(ReporterUpdateType.ESCALATED);
				assertThat(update.getCauseEventId()).isEqualTo(escalated.getEventId().toString());
				assertThat(update.getMessage()).contains("escalated")
					.doesNotContainIgnoringCase("dan")
					.doesNotContainIgnoringCase("deputy")
					.doesNotContainIgnoringCase("compliance");
			}));
	}

	private List<ReporterUpdate> updates(CaseRouted cause) {
		return this.kafka.events(UPDATES, key(cause)).stream().map(ReporterUpdate.class::cast).toList();
	}

	private boolean outboxDrained() {
		return this.store.count(Query.query(Criteria.where("outboxPending").is(true)), "reporter_updates") == 0;
	}

	private static ConditionFactory eventually() {
		return await().atMost(Duration.ofSeconds(30));
	}

}
