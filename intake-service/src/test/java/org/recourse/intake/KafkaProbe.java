package org.recourse.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.recourse.events.serde.AvroEventDeserializer;
import org.recourse.events.serde.AvroEventSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends events to, and reads whole single-partition topics from, the embedded broker of a
 * flow test.
 */
public final class KafkaProbe {

	private final String brokers;

	public KafkaProbe(String brokers) {
		this.brokers = brokers;
	}

	public void send(String topic, String key, SpecificRecord... events) {
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers), new StringSerializer(),
				new AvroEventSerializer())) {
			for (SpecificRecord event : events) {
				producer.send(new ProducerRecord<>(topic, key, event));
			}
		}
	}

	/**
	 * Waits until an event of {@code type} keyed {@code key} is on the topic, and returns
	 * all such events.
	 */
	public <T> List<T> awaitEvents(String topic, String key, Class<T> type) {
		List<ConsumerRecord<String, SpecificRecord>> seen = new ArrayList<>();
		TopicPartition partition = new TopicPartition(topic, 0);
		try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.brokers), new StringDeserializer(),
				new AvroEventDeserializer())) {
			consumer.assign(List.of(partition));
			consumer.seekToBeginning(List.of(partition));
			await().atMost(Duration.ofSeconds(60)).pollInSameThread().untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
				assertThat(matching(seen, key, type)).isNotEmpty();
			});
		}
		return matching(seen, key, type);
	}

	private static <T> List<T> matching(List<ConsumerRecord<String, SpecificRecord>> seen, String key, Class<T> type) {
		return seen.stream()
			.filter((record) -> key.equals(record.key()) && type.isInstance(record.value()))
			.map((record) -> type.cast(record.value()))
			.toList();
	}

}
