package org.recourse.triage.hostile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.recourse.events.serde.AvroEventSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three kinds of poison a consumer must survive: bytes that are no event at all, a
 * well-formed header naming a schema nobody knows, and an event in a known schema whose
 * values cannot be true (a uuid field that is no UUID, a time before time). Also reads a
 * dead-letter topic with the reason Spring Kafka puts in its headers.
 */
final class PoisonRecords {

	static final String REASON_HEADER = "kafka_dlt-exception-message";

	private PoisonRecords() {
	}

	static byte[] garbage(byte[] random) {
		return random;
	}

	/** The single-object marker, then a fingerprint no released schema has. */
	static byte[] unknownFingerprint(long fingerprint, byte[] body) {
		return ByteBuffer.allocate(10 + body.length)
			.order(ByteOrder.LITTLE_ENDIAN)
			.put((byte) 0xC3)
			.put((byte) 0x01)
			.putLong(fingerprint)
			.put(body)
			.array();
	}

	/**
	 * A record encoded under the event's own schema (so its fingerprint is known), with
	 * values set through the generic API, which checks no logical type.
	 */
	static byte[] impossible(SpecificRecord valid, Consumer<GenericRecord> spoil) {
		Schema schema = valid.getSchema();
		GenericRecord record = new GenericData.Record(schema);
		for (Schema.Field field : schema.getFields()) {
			Object value = valid.get(field.pos());
			record.put(field.pos(),
					(value != null && !(value instanceof Number) && !(value instanceof Boolean)
							&& !(value instanceof CharSequence) && !(value instanceof ByteBuffer)) ? genericOf(value)
									: value);
		}
		spoil.accept(record);
		try {
			return new BinaryMessageEncoder<GenericRecord>(GenericData.get(), schema).encode(record).array();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Object genericOf(Object value) {
		if (value instanceof java.util.UUID uuid) {
			return uuid.toString();
		}
		if (value instanceof java.time.Instant instant) {
			return instant.toEpochMilli();
		}
		if (value instanceof Enum<?> symbol) {
			return new GenericData.EnumSymbol(null, symbol.name());
		}
		return value;
	}

	static void send(String brokers, String topic, String key, byte[] value) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value));
		}
	}

	static void send(String brokers, String topic, String key, SpecificRecord event) {
		send(brokers, topic, key, new AvroEventSerializer().serialize(topic, event));
	}

	/** Waits for the dead letter keyed {@code key} and returns it. */
	static ConsumerRecord<String, byte[]> awaitDeadLetter(String brokers, String topic, String key) {
		List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
		TopicPartition partition = new TopicPartition(topic, 0);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers), new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
				assertThat(seen).anyMatch((record) -> key.equals(record.key()));
			});
		}
		return seen.stream().filter((record) -> key.equals(record.key())).findFirst().orElseThrow();
	}

	/**
	 * The reason: the exception message header and, for a record that could not be
	 * decoded, the decoder's own message in the stack-trace header.
	 */
	static String reason(ConsumerRecord<String, byte[]> deadLetter) {
		Header message = deadLetter.headers().lastHeader(REASON_HEADER);
		Header trace = deadLetter.headers().lastHeader("kafka_dlt-exception-stacktrace");
		return ((message != null) ? new String(message.value(), StandardCharsets.UTF_8) : "") + "\n"
				+ ((trace != null) ? new String(trace.value(), StandardCharsets.UTF_8) : "");
	}

}
