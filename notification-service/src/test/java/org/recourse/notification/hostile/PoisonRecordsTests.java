package org.recourse.notification.hostile;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseQueue;
import org.recourse.events.CaseResolved;
import org.recourse.events.CaseRouted;
import org.recourse.events.HarmConfirmed;
import org.recourse.events.ReporterContactRegistered;
import org.recourse.events.Resolution;
import org.recourse.events.Severity;
import org.recourse.events.SlaClock;
import org.recourse.events.Verdict;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.events.testing.PoisonRecords;
import org.recourse.events.testing.RecordedDeliveries;
import org.recourse.notification.contact.ContactMother;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Poison on both of notification-service's input topics: garbage bytes, a well-formed
 * header with a schema fingerprint nobody knows, a known schema whose uuid field is no
 * UUID, an enum index beyond its symbols, a length no record can hold, deadlines, times
 * and escalation levels that cannot be true, a case id that would go into a staff link, a
 * contact sealed for someone else. Each goes to {@code <topic>.DLT} at once (no retry)
 * with a reason an operator can act on and no text of the record in any header, and the
 * good event sent after it on the same partition is still handled (a reporter update
 * composed; a contact stored in the vault).
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1" })
@EmbeddedKafka(partitions = 1,
		topics = { PoisonRecordsTests.CASES, PoisonRecordsTests.CASES + ".DLT", PoisonRecordsTests.CONTACTS,
				PoisonRecordsTests.CONTACTS + ".DLT", PoisonRecordsTests.UPDATES })
@Import(RecordedDeliveries.class)
@DirtiesContext
class PoisonRecordsTests {

	static final String CASES = "recourse.cases";

	static final String CONTACTS = "recourse.reporter-contacts";

	static final String UPDATES = "recourse.reporter-updates";

	/**
	 * Written into every poisoned event: it must never appear in a dead letter's headers.
	 */
	private static final String CANARY = "canary-ref-of-a-reporter";

	private static final Instant OPENED = Instant.parse("2026-06-09T09:00:00Z");

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	private static final Random random = new Random();

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoTemplate store;

	@Autowired
	RecordedDeliveries deliveries;

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
	void deadLettersPoisonedCaseEventsAndComposesTheNextUpdate() {
		List<Poison> poisons = List.of(new Poison(garbage(), "(bad header)"),
				new Poison(unknownFingerprint(), "Unknown schema fingerprint"),
				new Poison(PoisonRecords.impossible(routed(), (record) -> record.put("reportId", "../../x")),
						"CaseRouted cannot be decoded: field reportId is not a valid uuid"),
				new Poison(PoisonRecords.unknownEnumIndex(routed()),
						"CaseRouted cannot be decoded: a value does not fit its type"),
				new Poison(PoisonRecords.claimingHugeText(routed()),
						"CaseRouted cannot be decoded: a length field claims more bytes"),
				new Poison(PoisonRecords.impossible(routed(), (record) -> record.put("acknowledgeBy", Long.MIN_VALUE)),
						"CaseRouted.acknowledgeBy is before 2020-01-01"),
				new Poison(
						PoisonRecords.impossible(routed(),
								(record) -> record.put("acknowledgeBy",
										OPENED.plus(Duration.ofDays(365 * 300)).toEpochMilli())),
						"CaseRouted.acknowledgeBy is more than 10 years after the event"),
				new Poison(PoisonRecords.encoded(escalated(0, OPENED.plus(Duration.ofDays(1)))),
						"CaseEscalated.level is below 1"),
				new Poison(PoisonRecords.encoded(escalated(1, Instant.EPOCH)),
						"CaseEscalated.dueAt is before 2020-01-01"));
		for (Poison poison : poisons) {
			String poisonKey = "poison-" + UUID.randomUUID();
			CaseRouted good = routed();
			PoisonRecords.send(brokers(), CASES, poisonKey, poison.bytes());
			this.kafka.send(CASES, good.getReportId().toString(), good);

			assertDeadLettered(CASES + ".DLT", poisonKey, poison);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> !this.kafka.events(UPDATES, good.getReportId().toString()).isEmpty());
		}
	}

	/** The case id goes into the link of every staff notice: only a UUID may. */
	@Test
	void deadLettersACaseIdThatIsNoUuidBeforeAnyStaffLinkIsMade() {
		CaseRouted routed = routed();
		routed.setCaseId("../../admin/systems");
		String key = "poison-" + UUID.randomUUID();
		PoisonRecords.send(brokers(), CASES, key, PoisonRecords.encoded(routed));

		assertDeadLettered(CASES + ".DLT", key,
				new Poison(PoisonRecords.encoded(routed), "CaseRouted.caseId is not a UUID"));
		assertThat(this.store.findById(routed.getCaseId(), Document.class, "staff_cases")).isNull();
	}

	/**
	 * A resolution starts the 30 days after which the reporter's contact is forgotten:
	 * one dated before 2020 would have it purged at the next run, so it is refused and
	 * the contact kept.
	 */
	@Test
	void deadLettersAResolutionFromBeforeTimeAndKeepsTheContact() throws Exception {
		ReporterContactRegistered contact = contact();
		this.kafka.send(CONTACTS, contact.getReportId().toString(), contact);
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.store.findById(contact.getReporterRef(), Document.class, "contact_vault") != null);
		CaseResolved resolved = resolved(contact.getReportId());
		resolved.setOccurredAt(Instant.EPOCH);
		String key = contact.getReportId().toString();
		this.kafka.send(CASES, key, resolved);

		assertDeadLettered(CASES + ".DLT", key,
				new Poison(PoisonRecords.encoded(resolved), "CaseResolved.occurredAt is before 2020-01-01"));
		assertThat(this.store.findById(contact.getReporterRef(), Document.class, "contact_vault"))
			.doesNotContainKey("purgeAfter");
	}

	@Test
	void deadLettersPoisonedContactsAndStoresTheNextContact() throws Exception {
		ReporterContactRegistered sealedForAnother = contact();
		sealedForAnother.setSealedContact(ByteBuffer.wrap(ContactMother.seal(ContactMother.email(), "ref-other")));
		List<Poison> poisons = List.of(new Poison(garbage(), "(bad header)"),
				new Poison(unknownFingerprint(), "Unknown schema fingerprint"),
				new Poison(PoisonRecords.impossible(contact(), (record) -> record.put("reportId", "../../x")),
						"ReporterContactRegistered cannot be decoded: field reportId is not a valid uuid"),
				new Poison(PoisonRecords.claimingHugeText(contact()),
						"ReporterContactRegistered cannot be decoded: a length field claims more bytes"),
				new Poison(PoisonRecords.encoded(sealedForAnother),
						"ReporterContactRegistered.sealedContact does not open"));
		for (Poison poison : poisons) {
			String poisonKey = "poison-" + UUID.randomUUID();
			ReporterContactRegistered good = contact();
			PoisonRecords.send(brokers(), CONTACTS, poisonKey, poison.bytes());
			this.kafka.send(CONTACTS, good.getReportId().toString(), good);

			assertDeadLettered(CONTACTS + ".DLT", poisonKey, poison);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> this.store.findById(good.getReporterRef(), Document.class, "contact_vault") != null);
		}
	}

	/**
	 * Dead-lettered by every consumer group that read it (two on recourse.cases), each
	 * after its first and only attempt, with the reason and no text of the record.
	 */
	private void assertDeadLettered(String deadLetters, String key, Poison poison) {
		ConsumerRecord<String, byte[]> deadLetter = PoisonRecords.awaitDeadLetter(brokers(), deadLetters, key);
		assertThat(deadLetter.value()).isEqualTo(poison.bytes());
		assertThat(PoisonRecords.reason(deadLetter)).as("reason of %s", key).contains(poison.reason());
		assertThat(PoisonRecords.headers(deadLetter)).doesNotContain(CANARY, "../../x", "Exception:", "\tat ");
		assertThat(this.deliveries.failedAttempts(key)).as("failed attempts before the dead letter")
			.isNotEmpty()
			.containsOnly(1);
	}

	private String brokers() {
		return this.broker.getBrokersAsString();
	}

	private static byte[] garbage() {
		byte[] garbage = new byte[1 + random.nextInt(200)];
		random.nextBytes(garbage);
		garbage[0] = 0x7B;
		return garbage;
	}

	private static byte[] unknownFingerprint() {
		byte[] body = new byte[random.nextInt(50)];
		random.nextBytes(body);
		return PoisonRecords.unknownFingerprint(random.nextLong(), body);
	}

	private static CaseRouted routed() {
		return CaseRouted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(OPENED)
			.setReportId(UUID.randomUUID())
			.setCaseId(UUID.randomUUID().toString())
			.setReporterRef(CANARY)
			.setAiSystemId("hr-assistant")
			.setQueue(CaseQueue.OWNER)
			.setOwnerId("alice.owner")
			.setSeverity(Severity.HIGH)
			.setAcknowledgeBy(Instant.parse("2026-06-10T09:00:00Z"))
			.setResolveBy(Instant.parse("2026-06-23T09:00:00Z"))
			.build();
	}

	private static CaseEscalated escalated(int level, Instant dueAt) {
		return CaseEscalated.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(OPENED.plus(Duration.ofDays(1)))
			.setReportId(UUID.randomUUID())
			.setCaseId(UUID.randomUUID().toString())
			.setActor("system")
			.setClock(SlaClock.FIRST_RESPONSE)
			.setLevel(level)
			.setEscalatedTo("dan.deputy")
			.setDueAt(dueAt)
			.build();
	}

	private static CaseResolved resolved(UUID reportId) {
		return CaseResolved.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(OPENED.plus(Duration.ofDays(3)))
			.setReportId(reportId)
			.setCaseId(UUID.randomUUID().toString())
			.setActor("alice.owner")
			.setVerdict(Verdict.INCORRECT)
			.setHarmConfirmed(HarmConfirmed.NO)
			.setRootCause("training data")
			.setResolution(Resolution.FIXED)
			.setSummaryForReporter(CANARY)
			.build();
	}

	private static ReporterContactRegistered contact() {
		String reporterRef = "ref-" + UUID.randomUUID();
		try {
			return ReporterContactRegistered.newBuilder()
				.setEventId(UUID.randomUUID())
				.setOccurredAt(OPENED)
				.setReportId(UUID.randomUUID())
				.setReporterRef(reporterRef)
				.setSealedContact(ByteBuffer.wrap(ContactMother.seal(ContactMother.email(), reporterRef)))
				.build();
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private record Poison(byte[] bytes, String reason) {
	}

}
