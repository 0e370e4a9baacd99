package org.recourse.intake.report;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.outbox.OutboxEvent;
import org.recourse.events.outbox.OutboxRelay;
import org.recourse.events.ReporterContactRegistered;
import org.recourse.events.ReporterUpdate;
import org.recourse.events.ReporterUpdateType;
import org.recourse.events.serde.AvroEventDeserializer;
import org.recourse.events.serde.AvroEventSerializer;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.intake.report.SubmittingReport.Receipt;
import org.recourse.intake.status.ReadingStatus;
import org.recourse.intake.status.UpdateMother;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * From the use case through the store and the outbox relay to a real broker, and back
 * from the broker into the reporter's timeline.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1", "recourse.triage.base-url=http://127.0.0.1:1",
		"recourse.receipt.bcrypt-strength=4" })
@EmbeddedKafka(partitions = 1, topics = { ReportEventsOutbox.REPORTS, ReportEventsOutbox.CONTACTS,
		SubmittingReportFlowTests.UPDATES, SubmittingReportFlowTests.UPDATES + ".DLT" })
class SubmittingReportFlowTests {

	private static final EmbeddedMongo server = EmbeddedMongo.start();

	static final String UPDATES = "recourse.reporter-updates";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String EMAIL = "jane.reporter.4711@example.org";

	@Autowired
	private SubmittingReport submitting;

	@Autowired
	private ReadingStatus reading;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private OutboxRelay relay;

	@Value("${spring.embedded.kafka.brokers}")
	private String brokers;

	private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> server.uri("recourse_intake"));
	}

	@Test
	void publishesReportSubmittedKeyedByTheReportId() {
		Receipt receipt = this.submitting.submit(ReportFormMother.valid());

		ConsumerRecord<String, byte[]> record = awaitRecord(ReportEventsOutbox.REPORTS, receipt.reportId());

		ReportSubmitted event = (ReportSubmitted) this.deserializer.deserialize(record.topic(), record.value());
		assertThat(event.getReportId()).hasToString(receipt.reportId());
		assertThat(event.getAiSystemId()).isEqualTo(ReportFormMother.SYSTEM_ID);
		assertThat(event.getAiOutput()).isEqualTo(ReportFormMother.AI_OUTPUT);
	}

	@Test
	void sendsTheEmailOnlySealedOnTheContactTopic() {
		Receipt receipt = this.submitting.submit(ReportFormMother.withEmail(EMAIL));

		ConsumerRecord<String, byte[]> contact = awaitRecord(ReportEventsOutbox.CONTACTS, receipt.reportId());
		ConsumerRecord<String, byte[]> submitted = awaitRecord(ReportEventsOutbox.REPORTS, receipt.reportId());

		assertThat(bytesAsText(contact.value())).doesNotContain(EMAIL).doesNotContain("jane.reporter");
		assertThat(bytesAsText(submitted.value())).doesNotContain(EMAIL).doesNotContain("jane.reporter");
		ReporterContactRegistered registered = (ReporterContactRegistered) this.deserializer
			.deserialize(contact.topic(), contact.value());
		ReportSubmitted report = (ReportSubmitted) this.deserializer.deserialize(submitted.topic(), submitted.value());
		assertThat(registered.getSealedContact().remaining()).isPositive();
		assertThat(registered.getReporterRef()).isEqualTo(report.getReporterRef());
	}

	@Test
	void keepsNeitherTheEmailNorTheOutboxOnceRelayed() {
		Receipt receipt = this.submitting.submit(ReportFormMother.withEmail(EMAIL));

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(storedReport(receipt).getBoolean("outboxPending")).isFalse());

		Document stored = storedReport(receipt);
		assertThat(stored.getList("outbox", Document.class)).isEmpty();
		assertThat(stored.toJson()).doesNotContain(EMAIL)
			.doesNotContain("jane.reporter")
			.doesNotContain("payload")
			.doesNotContain(receipt.code().secret());
		assertThat(stored.getString("receiptHash")).startsWith("$2");
	}

	@Test
	void recordsEachReporterUpdateOnceInTheTimeline() {
		Receipt receipt = this.submitting.submit(ReportFormMother.valid());
		String code = receipt.code().display();
		ReporterUpdate received = UpdateMother.update(receipt.reportId(), ReporterUpdateType.RECEIVED,
				"The owner has your report.");
		ReporterUpdate question = UpdateMother.update(receipt.reportId(), ReporterUpdateType.QUESTION,
				"Which month was it?");

		publish(received, received, question);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.reading.read(code))
				.hasValueSatisfying((status) -> assertThat(status.timeline()).extracting(TimelineEntry::eventId)
					.containsExactly(received.getEventId().toString(), question.getEventId().toString())));
		assertThat(this.reading.read(code).orElseThrow().timeline()).extracting(TimelineEntry::message)
			.containsExactly("The owner has your report.", "Which month was it?");
	}

	private Document storedReport(Receipt receipt) {
		return this.mongo.findById(receipt.reportId(), Document.class, "reports");
	}

	/**
	 * The race of a sweep that found and published an event while its writer's hand-over
	 * still waited for the relay: the hand-over comes after the event was acknowledged,
	 * and must not send it again.
	 */
	@Test
	void anEventHandedOverAgainAfterItWasPublishedIsNotSentTwice() {
		Receipt receipt = this.submitting.submit(ReportFormMother.valid());
		ConsumerRecord<String, byte[]> published = awaitRecord(ReportEventsOutbox.REPORTS, receipt.reportId());
		ReportSubmitted event = (ReportSubmitted) this.deserializer.deserialize(published.topic(), published.value());

		this.relay.wake(receipt.reportId(), List.of(new OutboxEvent(event.getEventId().toString(),
				ReportEventsOutbox.REPORTS, receipt.reportId(), published.value(), null)));
		// the relay takes hand-overs in order and waits for each batch's
		// acknowledgements,
		// so once the next report is on the (single-partition) topic, a resend would be
		// too
		Receipt next = this.submitting.submit(ReportFormMother.valid());
		List<ConsumerRecord<String, byte[]>> records = awaitRecords(ReportEventsOutbox.REPORTS, next.reportId());

		assertThat(records).filteredOn((record) -> receipt.reportId().equals(record.key())).hasSize(1);
	}

	private ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
		return awaitRecords(topic, key).stream().filter((record) -> key.equals(record.key())).findFirst().orElseThrow();
	}

	/**
	 * Every record of the topic's partition 0, read until one with {@code key} arrived.
	 */
	private List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, String key) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers,
				ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		TopicPartition partition = new TopicPartition(topic, 0);
		List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			await().atMost(PATIENCE).pollInSameThread().untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
				assertThat(seen).extracting(ConsumerRecord::key).contains(key);
			});
		}
		return seen;
	}

	/**
	 * Sends in order on the topic's single partition, so once the last update is in the
	 * timeline, every one before it has been handled.
	 */
	private void publish(ReporterUpdate... updates) {
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers);
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(config, new StringSerializer(),
				new AvroEventSerializer())) {
			for (ReporterUpdate update : updates) {
				producer.send(new ProducerRecord<>(UPDATES, update.getReportId().toString(), update));
			}
		}
	}

	private static String bytesAsText(byte[] bytes) {
		return new String(bytes, StandardCharsets.ISO_8859_1);
	}

}
