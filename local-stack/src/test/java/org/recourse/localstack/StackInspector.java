package org.recourse.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.mongodb.MongoClientSettings;
import com.mongodb.ConnectionString;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.recourse.events.serde.AvroEventDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what the stack did, from the outside and from the source of truth of each part:
 * the services' databases (through the MongoDB driver), the topics and consumer groups
 * (through Kafka's admin client and a plain consumer), and the mail sink's list of
 * received mails. Used by the fault and scale tests to say whether anything was lost or
 * done twice.
 */
final class StackInspector implements AutoCloseable {

	static final List<String> DATABASES = List.of("recourse_intake", "recourse_triage", "recourse_notification");

	static final List<String> GROUPS = List.of("triage-service", "notification-service", "notification-service-staff",
			"intake-service");

	private final LocalStack stack;

	private final MongoClient mongo;

	private final Admin admin;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	StackInspector(LocalStack stack) {
		this.stack = stack;
		this.mongo = MongoClients.create(MongoClientSettings.builder()
			.applyConnectionString(new ConnectionString(stack.settings().mongoUri("")))
			.applyToClusterSettings((cluster) -> cluster.serverSelectionTimeout(20, TimeUnit.SECONDS))
			.applyToSocketSettings((socket) -> socket.readTimeout(120, TimeUnit.SECONDS))
			.build());
		Properties admin = new Properties();
		admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.settings().kafkaBootstrap());
		this.admin = Admin.create(admin);
	}

	MongoDatabase database(String name) {
		return this.mongo.getDatabase(name);
	}

	/**
	 * Records not yet processed by each consumer group, summed over its partitions (a
	 * group that never committed an offset on a partition with records counts them all).
	 */
	Map<String, Long> lagByGroup() {
		Map<String, Long> lag = new TreeMap<>();
		try {
			for (String group : GROUPS) {
				Map<TopicPartition, OffsetAndMetadata> committed = this.admin.listConsumerGroupOffsets(group)
					.partitionsToOffsetAndMetadata()
					.get(30, TimeUnit.SECONDS);
				Set<String> topics = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toSet());
				Map<TopicPartition, Long> ends = endOffsets(topics);
				long behind = 0;
				for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
					OffsetAndMetadata at = committed.get(end.getKey());
					behind += end.getValue() - ((at != null) ? at.offset() : 0);
				}
				lag.put(group, behind);
			}
			return lag;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException("Cannot read the consumer groups' offsets", ex);
		}
	}

	private Map<TopicPartition, Long> endOffsets(Set<String> topics)
			throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
		if (topics.isEmpty()) {
			return Map.of();
		}
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		this.admin.describeTopics(topics)
			.allTopicNames()
			.get(30, TimeUnit.SECONDS)
			.forEach((topic, description) -> description.partitions()
				.forEach((partition) -> latest.put(new TopicPartition(topic, partition.partition()),
						OffsetSpec.latest())));
		Map<TopicPartition, Long> ends = new HashMap<>();
		this.admin.listOffsets(latest)
			.all()
			.get(30, TimeUnit.SECONDS)
			.forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	/** How many members of a consumer group hold at least one partition. */
	long membersWithPartitions(String group) {
		try {
			return this.admin.describeConsumerGroups(List.of(group))
				.describedGroups()
				.get(group)
				.get(30, TimeUnit.SECONDS)
				.members()
				.stream()
				.filter((member) -> !member.assignment().topicPartitions().isEmpty())
				.count();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** How many partitions a topic has. */
	int partitions(String topic) {
		try {
			return this.admin.describeTopics(List.of(topic))
				.allTopicNames()
				.get(30, TimeUnit.SECONDS)
				.get(topic)
				.partitions()
				.size();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Documents of any collection of the three services that still hold an outbox event.
	 */
	Map<String, Long> outboxesLeft() {
		Map<String, Long> left = new TreeMap<>();
		for (String name : DATABASES) {
			MongoDatabase database = database(name);
			for (String collection : database.listCollectionNames()) {
				long count = database.getCollection(collection)
					.countDocuments(Filters.or(Filters.exists("outbox.0"), Filters.eq("outboxPending", true)));
				if (count > 0) {
					left.put(name + "." + collection, count);
				}
			}
		}
		return left;
	}

	/**
	 * Messages notification-service still means to send: reporter e-mails, staff e-mails
	 * (but reminders waiting for their recipient's hourly digest) and webhook posts.
	 */
	long messagesPending() {
		MongoDatabase notification = database("recourse_notification");
		return notification.getCollection("reporter_updates").countDocuments(Filters.eq("mailPending", true))
				+ notification.getCollection("staff_notifications")
					.countDocuments(
							Filters.or(Filters.and(Filters.eq("emailPending", true), Filters.ne("emailDigest", true)),
									Filters.eq("webhookPending", true)));
	}

	static final String SETTLED = "settled";

	/**
	 * {@value #SETTLED} when nothing is in flight: consumer groups caught up, no message
	 * waiting to be sent, every report routed, every probe case (whose deadline passes
	 * seconds after it opens) escalated, outboxes empty; otherwise the first of these
	 * that is still moving. Cheapest first: on the embedded store every query but one by
	 * {@code _id} reads the whole collection, and this is asked again and again.
	 */
	String state() {
		try {
			Map<String, Long> lag = lagByGroup();
			if (lag.values().stream().anyMatch((behind) -> behind != 0)) {
				return "consumers behind: " + lag;
			}
			long pending = messagesPending();
			if (pending != 0) {
				return String.format("%,d messages to send", pending);
			}
			long reports = database("recourse_intake").getCollection("reports").estimatedDocumentCount();
			MongoDatabase triage = database("recourse_triage");
			long cases = triage.getCollection("cases").estimatedDocumentCount()
					+ triage.getCollection("closedCases").estimatedDocumentCount();
			if (cases < reports) {
				return String.format("%,d reports, %,d cases", reports, cases);
			}
			long notEscalated = triage.getCollection("cases")
				.countDocuments(
						Filters.and(Filters.eq("report.aiSystemId", "sla-probe"), Filters.eq("sla.escalatedTo", null)));
			if (notEscalated != 0) {
				return String.format("%,d probe cases not yet escalated", notEscalated);
			}
			Map<String, Long> outboxes = outboxesLeft();
			return outboxes.isEmpty() ? SETTLED : "outbox documents left: " + outboxes;
		}
		catch (RuntimeException ex) {
			return "cannot read the stack yet (" + ex.getClass().getSimpleName() + ")";
		}
	}

	/** Every document of a collection, with only the given fields. */
	List<Document> all(String database, String collection, String... fields) {
		return database(database).getCollection(collection)
			.find()
			.projection(Projections.include(fields))
			.into(new ArrayList<>());
	}

	/** Every mail the sink received, oldest first. */
	List<JsonNode> mails() {
		String lines = get(this.stack.settings().url(this.stack.settings().mailPort()) + "/api/mails");
		return lines.lines().filter((line) -> !line.isBlank()).map(this.json::readTree).toList();
	}

	/** Reads every record of a topic from the beginning, each to {@code each}. */
	void readTopic(String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, this.stack.settings().kafkaBootstrap());
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
				org.apache.kafka.common.serialization.StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config)) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < ends.get(partition))) {
				consumer.poll(Duration.ofSeconds(1)).forEach(each);
			}
		}
	}

	/** The topics whose name ends in {@code .DLT}. */
	List<String> deadLetterTopics() {
		try {
			return this.admin.listTopics()
				.names()
				.get(30, TimeUnit.SECONDS)
				.stream()
				.filter((name) -> name.endsWith(".DLT"))
				.sorted()
				.toList();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Every dead letter, as "topic: reason": the reason header Spring Kafka's recoverer
	 * writes, or, for notification's given-up deliveries (published by the service itself
	 * as a delivery outcome), that outcome's reason category; "NO REASON" otherwise.
	 */
	List<String> deadLetters() {
		AvroEventDeserializer events = new AvroEventDeserializer();
		List<String> letters = new ArrayList<>();
		for (String topic : deadLetterTopics()) {
			readTopic(topic, (record) -> {
				Header reason = record.headers().lastHeader("kafka_dlt-exception-message");
				String why;
				if (reason != null) {
					why = new String(reason.value(), StandardCharsets.UTF_8);
				}
				else {
					try {
						why = (events.deserialize(topic,
								record.value()) instanceof org.recourse.events.DeliveryOutcome outcome)
										? "delivery given up: " + outcome.getReasonCategory() : "NO REASON";
					}
					catch (RuntimeException ex) {
						why = "NO REASON";
					}
				}
				letters.add(topic + ": " + why);
			});
		}
		return letters;
	}

	private String get(String url) {
		try {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120)).build(),
					HttpResponse.BodyHandlers.ofString());
			return response.body();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("Cannot read " + url, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.admin.close(Duration.ofSeconds(5));
		this.mongo.close();
	}

}
