package org.recourse.events.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;
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
 * The kinds of poison a consumer must survive: bytes that are no event at all, a
 * well-formed header naming a schema nobody knows, and an event in a known schema whose
 * values cannot be true (a uuid field that is no UUID, a time before time, an enum index
 * beyond its symbols, a length no record can hold). Also sends them and reads a
 * dead-letter topic with the reason the services put in its headers.
 */
public final class PoisonRecords {

	/** The header with the reason (see DeadLetterPolicy). */
	public static final String REASON_HEADER = "kafka_dlt-exception-message";

	private static final int HEADER_LENGTH = 10;

	private PoisonRecords() {
	}

	public static byte[] garbage(byte[] random) {
		return random;
	}

	/** The single-object marker, then a fingerprint no released schema has. */
	public static byte[] unknownFingerprint(long fingerprint, byte[] body) {
		return ByteBuffer.allocate(HEADER_LENGTH + body.length)
			.order(ByteOrder.LITTLE_ENDIAN)
			.put((byte) 0xC3)
			.put((byte) 0x01)
			.putLong(fingerprint)
			.put(body)
			.array();
	}

	/** The event as a service would publish it. */
	public static byte[] encoded(SpecificRecord event) {
		return new AvroEventSerializer().serialize("any", event);
	}

	/**
	 * The event encoded under its own schema (so its fingerprint is known), with values
	 * changed through the generic API, which checks no logical type: uuid fields and
	 * timestamps are plain strings and longs there.
	 */
	public static byte[] impossible(SpecificRecord valid, Consumer<GenericRecord> spoil) {
		Schema schema = valid.getSchema();
		GenericRecord record = generic(valid);
		spoil.accept(record);
		return written(schema, record);
	}

	/**
	 * The event with every enum field set to an index beyond its symbols: written under a
	 * copy of the schema with one more symbol, then labelled with the real schema's
	 * fingerprint.
	 */
	public static byte[] unknownEnumIndex(SpecificRecord valid) {
		Schema schema = valid.getSchema();
		List<Schema.Field> fields = new ArrayList<>();
		List<String> enums = new ArrayList<>();
		for (Schema.Field field : schema.getFields()) {
			Schema type = field.schema();
			if (type.getType() == Schema.Type.ENUM) {
				List<String> symbols = new ArrayList<>(type.getEnumSymbols());
				symbols.add("NOT_A_SYMBOL");
				type = Schema.createEnum(type.getName(), type.getDoc(), type.getNamespace(), symbols);
				enums.add(field.name());
			}
			fields.add(new Schema.Field(field, type));
		}
		if (enums.isEmpty()) {
			throw new IllegalArgumentException(schema.getName() + " has no enum field");
		}
		Schema widened = Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
		GenericRecord original = generic(valid);
		GenericRecord record = new GenericData.Record(widened);
		schema.getFields().forEach((field) -> record.put(field.pos(), original.get(field.pos())));
		enums.forEach((name) -> record.put(name,
				new GenericData.EnumSymbol(widened.getField(name).schema(), "NOT_A_SYMBOL")));
		byte[] bytes = written(widened, record);
		ByteBuffer.wrap(bytes, 2, 8)
			.order(ByteOrder.LITTLE_ENDIAN)
			.putLong(SchemaNormalization.parsingFingerprint64(schema));
		return bytes;
	}

	/**
	 * The event with its first field (every event's {@code eventId}, a 36-character
	 * string) claiming to be 1 GiB long: a decoder that believes length fields allocates
	 * that much before finding the record is 100 bytes.
	 */
	public static byte[] claimingHugeText(SpecificRecord valid) {
		byte[] encoded = new AvroEventSerializer().serialize("any", valid);
		int eventIdLength = 36;
		assertThat(encoded[HEADER_LENGTH]).as("zig-zag length of a 36-character eventId").isEqualTo((byte) 72);
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(encoded, 0, HEADER_LENGTH);
		out.writeBytes(new byte[] { (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08 });
		int rest = HEADER_LENGTH + 1 + eventIdLength;
		out.write(encoded, rest, encoded.length - rest);
		return out.toByteArray();
	}

	public static void send(String brokers, String topic, String key, byte[] value) {
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers, ProducerConfig.LINGER_MS_CONFIG, 0),
				new StringSerializer(), new ByteArraySerializer())) {
			producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not send to " + topic, ex);
		}
	}

	public static void send(String brokers, String topic, String key, SpecificRecord event) {
		send(brokers, topic, key, new AvroEventSerializer().serialize(topic, event));
	}

	/** Waits for the dead letter keyed {@code key} and returns it. */
	public static ConsumerRecord<String, byte[]> awaitDeadLetter(String brokers, String topic, String key) {
		List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = reader(brokers, topic)) {
			await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
				assertThat(seen).anyMatch((record) -> key.equals(record.key()));
			});
		}
		return seen.stream().filter((record) -> key.equals(record.key())).findFirst().orElseThrow();
	}

	/** Every record on the topic now, read to its end. */
	public static List<ConsumerRecord<String, byte[]>> readAll(String brokers, String topic) {
		List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = reader(brokers, topic)) {
			Map<TopicPartition, Long> end = consumer.endOffsets(consumer.assignment());
			await().atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
				consumer.poll(Duration.ofMillis(100)).forEach(seen::add);
				return end.entrySet()
					.stream()
					.allMatch((partition) -> consumer.position(partition.getKey()) >= partition.getValue());
			});
		}
		return seen;
	}

	/** The reason the service gave, from the exception-message header. */
	public static String reason(ConsumerRecord<String, byte[]> deadLetter) {
		Header message = deadLetter.headers().lastHeader(REASON_HEADER);
		return (message != null) ? new String(message.value(), StandardCharsets.UTF_8) : "";
	}

	/** Every header of the dead letter, names and values, as one text. */
	public static String headers(ConsumerRecord<String, byte[]> deadLetter) {
		StringBuilder text = new StringBuilder();
		deadLetter.headers()
			.forEach((header) -> text.append(header.key())
				.append('=')
				.append(new String(header.value(), StandardCharsets.UTF_8))
				.append('\n'));
		return text.toString();
	}

	private static KafkaConsumer<String, byte[]> reader(String brokers, String topic) {
		KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
				brokers, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(),
				new ByteArrayDeserializer());
		List<TopicPartition> partitions = consumer.partitionsFor(topic)
			.stream()
			.map((info) -> new TopicPartition(topic, info.partition()))
			.toList();
		consumer.assign(partitions);
		consumer.seekToBeginning(partitions);
		return consumer;
	}

	private static GenericRecord generic(SpecificRecord valid) {
		byte[] encoded = new AvroEventSerializer().serialize("any", valid);
		try {
			return new BinaryMessageDecoder<GenericRecord>(new GenericData(), valid.getSchema()).decode(encoded);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A generic record as single-object encoding under the schema given. */
	public static byte[] written(Schema schema, GenericRecord record) {
		try {
			ByteBuffer buffer = new BinaryMessageEncoder<GenericRecord>(new GenericData(), schema).encode(record);
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return bytes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
