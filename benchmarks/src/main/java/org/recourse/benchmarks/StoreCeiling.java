package org.recourse.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;

/**
 * The bare-store ceiling: the least any design must do per report, on the same machine,
 * store and broker as the stack. Per report, one insert of the report (a document made
 * from the same realistic bodies the load sends) into the store, and one Kafka produce of
 * it with {@code acks=all}, idempotence on and {@code linger.ms=0} (as the services'
 * producers are configured); the produce is sent first and the insert runs while it
 * travels, and the report counts when both are acknowledged. Closed loop at the same
 * concurrency as the stack's load, warm-up first. The database and topic it writes are
 * its own and removed afterwards.
 */
final class StoreCeiling {

	static final String DATABASE = "recourse_benchmark_ceiling";

	static final String TOPIC = "recourse-benchmark.ceiling";

	/** What one run measured. */
	record Result(long operations, double seconds, Histogram latency, long failures, String firstFailure,
			Window window) {

		double perSecond() {
			return this.operations / this.seconds;
		}

	}

	private final String mongoUri;

	private final String kafka;

	private final List<Document> documents = new ArrayList<>();

	private final List<byte[]> values = new ArrayList<>();

	StoreCeiling(String mongoUri, String kafka) {
		this.mongoUri = mongoUri;
		this.kafka = kafka;
		ReportBodies bodies = new ReportBodies();
		for (int i = 0; i < 256; i++) {
			byte[] body = bodies.next();
			this.values.add(body);
			this.documents.add(Document.parse(new String(body, StandardCharsets.UTF_8)));
		}
	}

	Result run(int concurrency, Duration warmup, Duration duration, StackUnderTest stack, ServiceJvms jvms)
			throws InterruptedException {
		createTopic();
		Properties producerConfig = new Properties();
		producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka);
		producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
		producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
		producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, "0");
		producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
		producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
		producerConfig.put(ProducerConfig.CLIENT_ID_CONFIG, "recourse-benchmark-ceiling");
		try (MongoClient mongo = MongoClients.create(this.mongoUri);
				KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig, new StringSerializer(),
						new ByteArraySerializer())) {
			MongoCollection<Document> reports = mongo.getDatabase(DATABASE).getCollection("reports");
			long start = System.nanoTime();
			long measureFrom = start + warmup.toNanos();
			long measureUntil = measureFrom + duration.toNanos();
			Histogram latency = StackPhase.histogram();
			LongAdder operations = new LongAdder();
			LongAdder failures = new LongAdder();
			String[] firstFailure = new String[1];
			List<Thread> workers = new ArrayList<>();
			for (int i = 0; i < concurrency; i++) {
				Thread worker = new Thread(() -> {
					while (true) {
						long begin = System.nanoTime();
						if (begin >= measureUntil) {
							return;
						}
						try {
							once(reports, producer);
							if (begin >= measureFrom) {
								StackPhase.record(latency, System.nanoTime() - begin);
								operations.increment();
							}
						}
						catch (RuntimeException | ExecutionException ex) {
							failures.increment();
							firstFailure[0] = (firstFailure[0] != null) ? firstFailure[0] : String.valueOf(ex);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
							return;
						}
					}
				}, "ceiling-" + i);
				workers.add(worker);
				worker.start();
			}
			LoadBenchmark.say(String.format("ceiling: %d workers, warm-up %d s, then measuring %d s", concurrency,
					warmup.toSeconds(), duration.toSeconds()));
			LoadBenchmark.sleepUntil(measureFrom);
			LoadBenchmark.say("ceiling: warm-up done, measuring");
			Window window = new Window("ceiling", stack, jvms);
			long reported = operations.sum();
			for (long at = measureFrom + TimeUnit.SECONDS.toNanos(10); at < measureUntil; at += TimeUnit.SECONDS
				.toNanos(10)) {
				LoadBenchmark.sleepUntil(at);
				long now = operations.sum();
				LoadBenchmark.say(String.format("ceiling: %6.0f reports/s (last 10 s), load %.1f",
						(now - reported) / 10.0, Machine.loadAverage()));
				reported = now;
			}
			for (Thread worker : workers) {
				worker.join();
			}
			window.close();
			window.reports = operations.sum();
			window.reportsAre = "stored+produced";
			mongo.getDatabase(DATABASE).drop();
			return new Result(operations.sum(), duration.toNanos() / 1e9, latency, failures.sum(), firstFailure[0],
					window);
		}
		finally {
			deleteTopic();
		}
	}

	private void once(MongoCollection<Document> reports, KafkaProducer<String, byte[]> producer)
			throws InterruptedException, ExecutionException {
		int pick = ThreadLocalRandom.current().nextInt(this.values.size());
		String reportId = UUID.randomUUID().toString();
		Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(TOPIC, reportId, this.values.get(pick)));
		Document report = new Document(this.documents.get(pick));
		report.put("_id", reportId);
		report.put("submittedAt", new Date());
		reports.insertOne(report);
		sent.get();
	}

	private Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.kafka));
	}

	private void createTopic() throws InterruptedException {
		try (Admin admin = admin()) {
			admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			if (!(ex.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
				throw new IllegalStateException("Cannot create the ceiling's topic " + TOPIC, ex);
			}
		}
	}

	private void deleteTopic() {
		try (Admin admin = admin()) {
			admin.deleteTopics(List.of(TOPIC)).all().get(30, TimeUnit.SECONDS);
		}
		catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
			LoadBenchmark.say("Could not delete the ceiling's topic " + TOPIC + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
