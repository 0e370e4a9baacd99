package org.recourse.notification.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.CaseQueue;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReporterContactRegistered;
import org.recourse.events.Severity;
import org.recourse.events.serde.AvroEventSerializer;
import org.recourse.notification.EmbeddedMongo;
import org.recourse.notification.KafkaProbe;
import org.recourse.notification.contact.ContactMother;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
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
 * header with a schema fingerprint nobody knows, and a known schema whose uuid field is
 * no UUID. Each goes to {@code <topic>.DLT} with its reason in the headers, and the good
 * event sent after it on the same partition is still handled (a reporter update composed;
 * a contact stored in the vault).
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1" })
@EmbeddedKafka(partitions = 1,
		topics = { PoisonRecordsTests.CASES, PoisonRecordsTests.CASES + ".DLT", PoisonRecordsTests.CONTACTS,
				PoisonRecordsTests.CONTACTS + ".DLT", PoisonRecordsTests.UPDATES })
@DirtiesContext
class PoisonRecordsTests {

	static final String CASES = "recourse.cases";

	static final String CONTACTS = "recourse.reporter-contacts";

	static final String UPDATES = "recourse.reporter-updates";

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	private static final Random random = new Random();

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
	void deadLettersPoisonedCaseEventsAndComposesTheNextUpdate() throws Exception {
		for (byte[] poison : poisons(routed())) {
			String poisonKey = "poison-" + UUID.randomUUID();
			CaseRouted good = routed();
			sendRaw(CASES, poisonKey, poison);
			this.kafka.send(CASES, good.getReportId().toString(), good);

			assertDeadLettered(CASES + ".DLT", poisonKey, poison);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> !this.kafka.events(UPDATES, good.getReportId().toString()).isEmpty());
		}
	}

	@Test
	void deadLettersPoisonedContactsAndStoresTheNextContact() throws Exception {
		for (byte[] poison : poisons(contact())) {
			String poisonKey = "poison-" + UUID.randomUUID();
			ReporterContactRegistered good = contact();
			sendRaw(CONTACTS, poisonKey, poison);
			this.kafka.send(CONTACTS, good.getReportId().toString(), good);

			assertDeadLettered(CONTACTS + ".DLT", poisonKey, poison);
			await().atMost(Duration.ofSeconds(60))
				.until(() -> this.store.findById(good.getReporterRef(), Document.class, "contact_vault") != null);
		}
	}

	private void assertDeadLettered(String deadLetters, String key, byte[] poison) {
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.kafka.records(deadLetters).stream().anyMatch((record) -> key.equals(record.key())));
		ConsumerRecord<String, byte[]> deadLetter = this.kafka.records(deadLetters)
			.stream()
			.filter((record) -> key.equals(record.key()))
			.findFirst()
			.orElseThrow();
		assertThat(deadLetter.value()).isEqualTo(poison);
		assertThat(header(deadLetter, "kafka_dlt-exception-message")).isNotBlank();
		assertThat(header(deadLetter, "kafka_dlt-exception-message")
				+ header(deadLetter, "kafka_dlt-exception-stacktrace"))
			.containsAnyOf("bad header", "Unknown schema fingerprint", "../../x");
	}

	/**
	 * Garbage, an unknown fingerprint, and the event with a uuid field that is no UUID.
	 */
	private static byte[][] poisons(SpecificRecord valid) {
		byte[] garbage = new byte[1 + random.nextInt(200)];
		random.nextBytes(garbage);
		garbage[0] = 0x7B;
		byte[] body = new byte[random.nextInt(50)];
		random.nextBytes(body);
		byte[] unknown = ByteBuffer.allocate(10 + body.length)
			.order(ByteOrder.LITTLE_ENDIAN)
			.put((byte) 0xC3)
			.put((byte) 0x01)
			.putLong(random.nextLong())
			.put(body)
			.array();
		return new byte[][] { garbage, unknown, impossible(valid, (record) -> record.put("reportId", "../../x")) };
	}

	private static byte[] impossible(SpecificRecord valid, Consumer<GenericRecord> spoil) {
		Schema schema = valid.getSchema();
		byte[] encoded = new AvroEventSerializer().serialize("any", valid);
		try {
			GenericRecord record = new org.apache.avro.message.BinaryMessageDecoder<GenericRecord>(GenericData.get(),
					schema)
				.decode(encoded);
			spoil.accept(record);
			return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record).array();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private void sendRaw(String topic, String key, byte[] value) throws Exception {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()),
				new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
		}
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null) ? new String(header.value(), StandardCharsets.UTF_8) : "";
	}

	private static CaseRouted routed() {
		return CaseRouted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.parse("2026-06-09T09:00:00Z"))
			.setReportId(UUID.randomUUID())
			.setCaseId(UUID.randomUUID().toString())
			.setReporterRef("ref-" + UUID.randomUUID())
			.setAiSystemId("hr-assistant")
			.setQueue(CaseQueue.OWNER)
			.setOwnerId("alice.owner")
			.setSeverity(Severity.HIGH)
			.setAcknowledgeBy(Instant.parse("2026-06-10T09:00:00Z"))
			.setResolveBy(Instant.parse("2026-06-23T09:00:00Z"))
			.build();
	}

	private static ReporterContactRegistered contact() {
		String reporterRef = "ref-" + UUID.randomUUID();
		try {
			return ReporterContactRegistered.newBuilder()
				.setEventId(UUID.randomUUID())
				.setOccurredAt(Instant.parse("2026-06-09T09:00:00Z"))
				.setReportId(UUID.randomUUID())
				.setReporterRef(reporterRef)
				.setSealedContact(ByteBuffer.wrap(ContactMother.seal(ContactMother.email(), reporterRef)))
				.build();
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
