package org.recourse.triage.hostile;

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
import org.recourse.events.EventMother;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.ReporterReplied;
import org.recourse.events.ReporterUpdate;
import org.recourse.events.ReporterUpdateType;
import org.recourse.events.testing.PoisonRecords;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison on triage's input topic, {@code recourse.reports}: garbage, an unknown schema
 * fingerprint, a known schema with impossible values (an id that is no UUID, an enum
 * index beyond its symbols, a length no record can hold, a time before 2020 or from the
 * future, a reply longer than any form takes), an event that belongs on another topic, a
 * reply for a report nobody filed. Each goes to {@code recourse.reports.DLT} at once (one
 * failed attempt) with a reason an operator can act on and no text of the record in any
 * header, and the good report sent after it on the same partition is routed.
 */
class PoisonRecordsTests {

	private static final String REPORTS = "recourse.reports";

	private static final String DLT = REPORTS + ".DLT";

	/**
	 * Written into every poisoned event: it must never appear in a dead letter's headers.
	 */
	private static final String CANARY = "canary-words-of-a-reporter";

	private static TriageUnderAttack triage;

	@BeforeContainer
	static void start() {
		triage = TriageUnderAttack.get();
	}

	@Property(tries = 3)
	void deadLettersGarbageBytes(@ForAll @Size(max = 200) byte[] bytes) {
		assertDeadLetteredAndPassed(PoisonRecords.garbage(bytes), "(bad header)");
	}

	@Property(tries = 3)
	void deadLettersAnUnknownSchemaFingerprint(@ForAll long fingerprint, @ForAll @Size(max = 50) byte[] body) {
		assertDeadLetteredAndPassed(PoisonRecords.unknownFingerprint(fingerprint, body),
				String.format("Unknown schema fingerprint 0x%016x", fingerprint));
	}

	@Example
	void deadLettersAReportWhoseIdIsNoUuid() {
		byte[] poison = PoisonRecords.impossible(report(), (record) -> record.put("reportId", "../../x"));
		ConsumerRecord<String, byte[]> deadLetter = assertDeadLetteredAndPassed(poison,
				"ReportSubmitted cannot be decoded: field reportId is not a valid uuid");
		assertThat(PoisonRecords.headers(deadLetter)).doesNotContain("../../x");
	}

	@Example
	void deadLettersAReportWithAnEnumIndexBeyondItsSymbols() {
		assertDeadLetteredAndPassed(PoisonRecords.unknownEnumIndex(report()),
				"ReportSubmitted cannot be decoded: a value does not fit its type");
	}

	@Example
	void deadLettersAReportClaimingALengthNoRecordCanHold() {
		assertDeadLetteredAndPassed(PoisonRecords.claimingHugeText(report()),
				"ReportSubmitted cannot be decoded: a length field claims more bytes than any record may hold");
	}

	@Example
	void deadLettersAReportFromBeforeTime() {
		byte[] poison = PoisonRecords.impossible(report(), (record) -> record.put("occurredAt", Long.MIN_VALUE));
		assertDeadLetteredAndPassed(poison, "ReportSubmitted.occurredAt is before 2020-01-01");
	}

	@Example
	void deadLettersAReportFromTheFuture() {
		byte[] poison = PoisonRecords.impossible(report(),
				(record) -> record.put("occurredAt", Instant.now().plus(Duration.ofDays(400)).toEpochMilli()));
		assertDeadLetteredAndPassed(poison, "ReportSubmitted.occurredAt is more than 1 hour ahead");
	}

	@Example
	void deadLettersAReplyFromBeforeTime() {
		byte[] poison = PoisonRecords.impossible(reply(UUID.randomUUID(), CANARY),
				(record) -> record.put("occurredAt", 0L));
		assertDeadLetteredAndPassed(poison, "ReporterReplied.occurredAt is before 2020-01-01");
	}

	@Example
	void deadLettersAReplyLongerThanAnyFormTakes() {
		byte[] poison = PoisonRecords.encoded(reply(UUID.randomUUID(), CANARY.repeat(200)));
		assertDeadLetteredAndPassed(poison, "ReporterReplied.message is longer than 5000 characters");
	}

	@Example
	void deadLettersAReplyForAReportNobodyFiled() {
		UUID nobodyFiled = UUID.randomUUID();
		assertDeadLetteredAndPassed(PoisonRecords.encoded(reply(nobodyFiled, CANARY)),
				"No case for report " + nobodyFiled);
	}

	@Example
	void deadLettersAnEventThatBelongsOnAnotherTopic() {
		ReporterUpdate update = ReporterUpdate.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setReportId(UUID.randomUUID())
			.setCauseEventId("x")
			.setType(ReporterUpdateType.RECEIVED)
			.setMessage(CANARY)
			.build();
		assertDeadLetteredAndPassed(PoisonRecords.encoded(update),
				"ReporterUpdate does not belong on recourse.reports");
	}

	private static ConsumerRecord<String, byte[]> assertDeadLetteredAndPassed(byte[] poison, String reason) {
		String poisonKey = "poison-" + UUID.randomUUID();
		ReportSubmitted after = report();
		PoisonRecords.send(triage.brokers, REPORTS, poisonKey, poison);
		PoisonRecords.send(triage.brokers, REPORTS, after.getReportId().toString(), after);

		ConsumerRecord<String, byte[]> deadLetter = PoisonRecords.awaitDeadLetter(triage.brokers, DLT, poisonKey);
		assertThat(deadLetter.value()).isEqualTo(poison);
		assertThat(PoisonRecords.reason(deadLetter)).contains(reason);
		assertThat(PoisonRecords.headers(deadLetter)).doesNotContain(CANARY, "Exception:", "\tat ");
		assertThat(triage.deliveries.failedAttempts(poisonKey)).as("failed attempts before the dead letter")
			.containsExactly(1);
		Query byReport = Query.query(Criteria.where("reportId").is(after.getReportId().toString()));
		await().atMost(Duration.ofSeconds(60)).until(() -> triage.mongo.exists(byReport, "cases"));
		return deadLetter;
	}

	private static ReporterReplied reply(UUID reportId, String message) {
		return ReporterReplied.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setReportId(reportId)
			.setMessage(message)
			.build();
	}

	private static ReportSubmitted report() {
		ReportSubmitted report = EventMother.reportSubmitted();
		report.setAiOutput(CANARY);
		return report;
	}

}
