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
import org.recourse.events.CaseQueue;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReporterUpdate;
import org.recourse.events.ReporterUpdateType;
import org.recourse.events.Severity;
import org.recourse.events.testing.Json;
import org.recourse.events.testing.PoisonRecords;
import org.recourse.intake.status.UpdateMother;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * Poison on intake's only input topic, {@code recourse.reporter-updates}: each kind goes
 * to {@code recourse.reporter-updates.DLT} at once (one failed attempt, no retries) with
 * a reason an operator can act on and no text of the record in any header, and the good
 * update sent after it on the same partition still reaches the reporter's timeline.
 */
class PoisonRecordsTests {

	private static final String DLT = IntakeUnderAttack.UPDATES + ".DLT";

	/**
	 * Written into every poisoned update: it must never appear in a dead letter's
	 * headers.
	 */
	private static final String CANARY = "canary-words-of-an-update";

	private static IntakeUnderAttack intake;

	@BeforeContainer
	static void start() {
		intake = IntakeUnderAttack.get();
	}

	@Property(tries = 3)
	void deadLettersGarbageBytes(@ForAll @Size(max = 200) byte[] bytes) throws Exception {
		assertDeadLetteredAndPassed(PoisonRecords.garbage(bytes), "(bad header)");
	}

	@Property(tries = 3)
	void deadLettersAnUnknownSchemaFingerprint(@ForAll long fingerprint, @ForAll @Size(max = 50) byte[] body)
			throws Exception {
		assertDeadLetteredAndPassed(PoisonRecords.unknownFingerprint(fingerprint, body),
				String.format("Unknown schema fingerprint 0x%016x", fingerprint));
	}

	@Example
	void deadLettersAnUpdateWhoseIdsAreNoUuids() throws Exception {
		byte[] poison = PoisonRecords.impossible(update(fileReport(), CANARY),
				(record) -> record.put("reportId", "../../x"));
		ConsumerRecord<String, byte[]> deadLetter = assertDeadLetteredAndPassed(poison,
				"ReporterUpdate cannot be decoded: field reportId is not a valid uuid");
		assertThat(PoisonRecords.headers(deadLetter)).doesNotContain("../../x");
	}

	@Example
	void deadLettersAnUpdateWithAnEnumIndexBeyondItsSymbols() throws Exception {
		assertDeadLetteredAndPassed(PoisonRecords.unknownEnumIndex(update(fileReport(), CANARY)),
				"ReporterUpdate cannot be decoded: a value does not fit its type");
	}

	@Example
	void deadLettersAnUpdateClaimingALengthNoRecordCanHold() throws Exception {
		assertDeadLetteredAndPassed(PoisonRecords.claimingHugeText(update(fileReport(), CANARY)),
				"ReporterUpdate cannot be decoded: a length field claims more bytes than any record may hold");
	}

	@Example
	void deadLettersAnUpdateFromBeforeTime() throws Exception {
		byte[] poison = PoisonRecords.impossible(update(fileReport(), CANARY),
				(record) -> record.put("occurredAt", Long.MIN_VALUE));
		assertDeadLetteredAndPassed(poison, "ReporterUpdate.occurredAt is before 2020-01-01");
	}

	@Example
	void deadLettersAnUpdateFromTheFuture() throws Exception {
		byte[] poison = PoisonRecords.impossible(update(fileReport(), CANARY),
				(record) -> record.put("occurredAt", Instant.now().plus(Duration.ofDays(1)).toEpochMilli()));
		assertDeadLetteredAndPassed(poison, "ReporterUpdate.occurredAt is more than 1 hour ahead");
	}

	@Example
	void deadLettersAnUpdateLongerThanAnyComposed() throws Exception {
		byte[] poison = PoisonRecords.impossible(update(fileReport(), CANARY),
				(record) -> record.put("message", CANARY.repeat(500)));
		assertDeadLetteredAndPassed(poison, "ReporterUpdate.message is longer than 10000 characters");
	}

	@Example
	void deadLettersAnUpdateForAReportThatDoesNotExist() throws Exception {
		String nobodyFiled = UUID.randomUUID().toString();
		assertDeadLetteredAndPassed(PoisonRecords.encoded(update(nobodyFiled, CANARY)),
				"is for unknown report " + nobodyFiled);
	}

	@Example
	void deadLettersAnEventThatDoesNotBelongOnTheTopic() throws Exception {
		CaseRouted wrongTopic = CaseRouted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setReportId(UUID.randomUUID())
			.setCaseId(UUID.randomUUID().toString())
			.setReporterRef(CANARY)
			.setQueue(CaseQueue.OWNER)
			.setSeverity(Severity.LOW)
			.setAcknowledgeBy(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setResolveBy(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.build();
		assertDeadLetteredAndPassed(PoisonRecords.encoded(wrongTopic),
				"CaseRouted is not an event this listener takes");
	}

	/**
	 * Sends the poison and then a good update for a real report on the same (single)
	 * partition: the poison is dead-lettered after one attempt with the reason, the good
	 * update is recorded.
	 */
	private static ConsumerRecord<String, byte[]> assertDeadLetteredAndPassed(byte[] poison, String reason)
			throws Exception {
		String reportId = fileReport();
		String poisonKey = "poison-" + UUID.randomUUID();
		PoisonRecords.send(intake.brokers, IntakeUnderAttack.UPDATES, poisonKey, poison);
		PoisonRecords.send(intake.brokers, IntakeUnderAttack.UPDATES, reportId,
				update(reportId, "Good news after the poison"));

		ConsumerRecord<String, byte[]> deadLetter = PoisonRecords.awaitDeadLetter(intake.brokers, DLT, poisonKey);
		assertThat(deadLetter.value()).isEqualTo(poison);
		assertThat(PoisonRecords.reason(deadLetter)).contains(reason);
		assertThat(PoisonRecords.headers(deadLetter)).doesNotContain(CANARY, "Exception:", "\tat ");
		assertThat(intake.deliveries.failedAttempts(poisonKey)).as("failed attempts before the dead letter")
			.containsExactly(1);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> intake.mongo
				.findOne(Query.query(Criteria.where("_id").is(reportId)), Document.class, "reports")
				.getList("timeline", Document.class)
				.size() == 1);
		return deadLetter;
	}

	private static ReporterUpdate update(String reportId, String message) {
		return UpdateMother.update(reportId, ReporterUpdateType.ACKNOWLEDGED, message);
	}

	private static String fileReport() throws Exception {
		String json = Responses.body(
				intake.mvc
					.perform(post("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
						.content(Json.of(HostileApiTests.validReport(UUID.randomUUID().toString()))))
					.andReturn());
		return json.replaceAll(".*\"reportId\":\"([^\"]+)\".*", "$1");
	}

}
