package org.recourse.intake.hostile;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReporterUpdate;
import org.recourse.events.ReporterUpdateType;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Poison on intake's only input topic, {@code recourse.reporter-updates}: each kind goes
 * to {@code recourse.reporter-updates.DLT} with its reason in the headers, and the good
 * update sent after it on the same partition still reaches the reporter's timeline.
 */
class PoisonRecordsTests {

	private static final String DLT = IntakeUnderAttack.UPDATES + ".DLT";

	private static IntakeUnderAttack intake;

	@BeforeContainer
	static void start() {
		intake = IntakeUnderAttack.get();
	}

	@Property(tries = 3)
	void deadLettersGarbageBytes(@ForAll @Size(max = 200) byte[] bytes) throws Exception {
		assertDeadLetteredAndPassed(PoisonRecords.garbage(bytes), "bad header");
	}

	@Property(tries = 3)
	void deadLettersAnUnknownSchemaFingerprint(@ForAll long fingerprint, @ForAll @Size(max = 50) byte[] body)
			throws Exception {
		assertDeadLetteredAndPassed(PoisonRecords.unknownFingerprint(fingerprint, body), "fingerprint");
	}

	@Example
	void deadLettersAnUpdateWhoseIdsAreNoUuids() throws Exception {
		String reportId = fileReport();
		byte[] poison = PoisonRecords.impossible(update(reportId, "x"), (record) -> record.put("reportId", "../../x"));
		assertDeadLetteredAndPassed(poison, "../../x");
	}

	@Example
	void deadLettersAnUpdateFromBeforeTime() throws Exception {
		String reportId = fileReport();
		byte[] poison = PoisonRecords.impossible(update(reportId, "x"),
				(record) -> record.put("occurredAt", Long.MIN_VALUE));
		assertDeadLetteredAndPassed(poison, "impossible time");
	}

	@Example
	void deadLettersAnUpdateForAReportThatDoesNotExist() throws Exception {
		String key = UUID.randomUUID().toString();
		PoisonRecords.send(intake.brokers, IntakeUnderAttack.UPDATES, key, update(key, "Nobody filed this"));
		assertThat(PoisonRecords.reason(PoisonRecords.awaitDeadLetter(intake.brokers, DLT, key)))
			.contains("unknown report");
	}

	@Example
	void deadLettersAnEventThatDoesNotBelongOnTheTopic() throws Exception {
		String key = UUID.randomUUID().toString();
		CaseRouted wrongTopic = CaseRouted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setReportId(UUID.fromString(key))
			.setCaseId(UUID.randomUUID().toString())
			.setReporterRef("ref")
			.setQueue(org.recourse.events.CaseQueue.OWNER)
			.setSeverity(org.recourse.events.Severity.LOW)
			.setAcknowledgeBy(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setResolveBy(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.build();
		PoisonRecords.send(intake.brokers, IntakeUnderAttack.UPDATES, key, wrongTopic);
		assertThat(PoisonRecords.reason(PoisonRecords.awaitDeadLetter(intake.brokers, DLT, key))).isNotBlank();
	}

	/**
	 * Sends the poison and then a good update for a real report on the same (single)
	 * partition: the poison is dead-lettered with a reason, the good update is recorded.
	 */
	private static void assertDeadLetteredAndPassed(byte[] poison, String reasonContains) throws Exception {
		String reportId = fileReport();
		String poisonKey = "poison-" + UUID.randomUUID();
		PoisonRecords.send(intake.brokers, IntakeUnderAttack.UPDATES, poisonKey, poison);
		PoisonRecords.send(intake.brokers, IntakeUnderAttack.UPDATES, reportId,
				update(reportId, "Good news after the poison"));

		ConsumerRecord<String, byte[]> deadLetter = PoisonRecords.awaitDeadLetter(intake.brokers, DLT, poisonKey);
		assertThat(deadLetter.value()).isEqualTo(poison);
		assertThat(PoisonRecords.reason(deadLetter)).isNotBlank().contains(reasonContains);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> intake.mongo
				.findOne(Query.query(Criteria.where("_id").is(reportId)), Document.class, "reports")
				.getList("timeline", Document.class)
				.size() == 1);
	}

	private static String fileReport() throws Exception {
		String json = Responses.body(
				intake.mvc
					.perform(post("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
						.content(Json.of(HostileApiTests.validReport(UUID.randomUUID().toString()))))
					.andReturn());
		return json.replaceAll(".*\"reportId\":\"([^\"]+)\".*", "$1");
	}

	private static ReporterUpdate update(String reportId, String message) {
		return ReporterUpdate.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setReportId(UUID.fromString(reportId))
			.setCauseEventId(UUID.randomUUID().toString())
			.setType(ReporterUpdateType.ACKNOWLEDGED)
			.setMessage(message)
			.build();
	}

}
