package org.recourse.events.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.recourse.events.serde.AvroEventDeserializer;
import org.recourse.events.serde.AvroEventSerializer;

import static org.awaitility.Awaitility.await;

/**
 * The outside world of a service under test: sends records the way another service would
 * (events as Avro single-object encoding, {@code byte[]} as they are) and reads whole
 * topics back from the beginning, independently of any consumer group.
 */
public final class KafkaProbe implements AutoCloseable {

	private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

	private final String bootstrapServers;

	private final Producer<String, Object> producer;

	private final Map<String, Reader> readers = new HashMap<>();

	private final AvroEventDeserializer events = new AvroEventDeserializer();

	public KafkaProbe(String bootstrapServers) {
		this.bootstrapServers = bootstrapServers;
		this.producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, 0),
				new StringSerializer(), new AvroEventSerializer());
	}

	/** Sends and waits for the broker's acknowledgement. */
	public void send(String topic, String key, Object value) {
		try {
			this.producer.send(new ProducerRecord<>(topic, key, value)).get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("Could not send to " + topic, ex);
		}
	}

	/** Every record on the topic up to its current end, oldest first per partition. */
	public List<ConsumerRecord<String, byte[]>> records(String topic) {
		return this.readers.computeIfAbsent(topic, Reader::new).readToEnd();
	}

	/** The decoded values of the records on the topic with this key. */
	public List<Object> events(String topic, String key) {
		return records(topic).stream()
			.filter((record) -> key.equals(record.key()))
			.map((record) -> (Object) this.events.deserialize(topic, record.value()))
			.toList();
	}

	/**
	 * Waits until an event of {@code type} keyed {@code key} is on the topic, and returns
	 * all such events.
	 */
	public <T> List<T> awaitEvents(String topic, String key, Class<T> type) {
		await().atMost(Duration.ofSeconds(60)).until(() -> !eventsOf(topic, key, type).isEmpty());
		return eventsOf(topic, key, type);
	}

	private <T> List<T> eventsOf(String topic, String key, Class<T> type) {
		return events(topic, key).stream().filter(type::isInstance).map(type::cast).toList();
	}

	@Override
	public void close() {
		this.producer.close();
		this.readers.values().forEach((reader) -> reader.consumer.close());
	}

	private final class Reader {

		private final Consumer<String, byte[]> consumer;

		private final List<TopicPartition> partitions;

		private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

		Reader(String topic) {
			this.consumer = new KafkaConsumer<>(
					Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaProbe.this.bootstrapServers,
							ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
					new StringDeserializer(), new ByteArrayDeserializer());
			this.partitions = this.consumer.partitionsFor(topic)
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			this.consumer.assign(this.partitions);
			this.consumer.seekToBeginning(this.partitions);
		}

		List<ConsumerRecord<String, byte[]>> readToEnd() {
			Map<TopicPartition, Long> end = this.consumer.endOffsets(this.partitions);
			long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
			while (this.partitions.stream()
				.anyMatch((partition) -> this.consumer.position(partition) < end.get(partition))) {
				if (System.nanoTime() - deadline > 0) {
					throw new IllegalStateException("Could not read " + this.partitions + " up to " + end);
				}
				this.consumer.poll(Duration.ofMillis(100)).forEach(this.seen::add);
			}
			return List.copyOf(this.seen);
		}

	}

}
