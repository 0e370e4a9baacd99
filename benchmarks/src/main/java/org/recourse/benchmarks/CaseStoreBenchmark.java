package org.recourse.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import com.sun.management.OperatingSystemMXBean;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.HdrHistogram.Histogram;
import org.bson.Document;
import org.recourse.localstack.StoreBackend;
import org.recourse.triage.TriageApplication;
import org.recourse.triage.cases.CaseStore;
import org.recourse.triage.cases.OwnerQueue;
import org.recourse.triage.cases.QueueIndex;
import org.recourse.triage.escalation.SlaScanner;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * "History must not slow the work" (issue 5): with {@code --closed} closed cases and
 * {@code --open} open ones stored, how long the owner queue's first page and a scanner
 * tick with nothing due take, as triage itself runs them (its Spring context in this
 * process, Kafka listeners off).
 * <p>
 * By default the store is the embedded one with its H2 backend, in this process, its file
 * under {@code --data}; the first run seeds it ({@link Seeded}) and later runs reuse it
 * whatever sizes they ask for. With {@code --mongo-uri} it runs against a real MongoDB
 * instead (seeded through the driver when empty). Prints p50/p95/p99/max of each
 * operation after {@code --warmup} seconds of unmeasured work.
 */
public final class CaseStoreBenchmark {

	private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private static final List<String> OPTIONS = List.of("--closed", "--open", "--owners", "--warmup", "--duration",
			"--data", "--mongo-uri");

	/** One report id in so many seeded closed cases is kept for the look-ups. */
	static final int SAMPLE_EVERY = 1000;

	private CaseStoreBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new LinkedHashMap<>();
		int closed;
		int open;
		int owners;
		int warmup;
		int duration;
		try {
			boolean run = CommandLine.parse(args, Set.of(), (name, value) -> {
				if (!OPTIONS.contains(name)) {
					throw new IllegalArgumentException("Unknown option " + name);
				}
				options.put(name, value);
			});
			if (!run) {
				System.out.println("Options: " + String.join(" ", OPTIONS) + " (see ./benchmark-cases --help)");
				return;
			}
			closed = number(options, "--closed", 1_000_000);
			open = number(options, "--open", 10_000);
			owners = number(options, "--owners", 100);
			warmup = number(options, "--warmup", 60);
			duration = number(options, "--duration", 60);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage() + " (options: " + String.join(" ", OPTIONS) + ")");
			System.exit(2);
			return;
		}
		String mongoUri = options.get("--mongo-uri");
		H2Backend backend = null;
		MongoServer server = null;
		List<String> sample = new ArrayList<>();
		if (mongoUri == null) {
			Path data = Path.of(options.getOrDefault("--data", "/tmp/recourse-cases")).toAbsolutePath();
			Seeded seeded = Seeded.in(data, closed, open, owners);
			owners = seeded.owners();
			sample.addAll(seeded.sample());
			long opening = System.nanoTime();
			backend = new StoreBackend(seeded.store().toString());
			say("store opened in " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - opening) + " ms");
			server = new MongoServer(backend);
			var address = server.bind();
			mongoUri = "mongodb://127.0.0.1:" + address.getPort() + "/recourse_triage";
			say("embedded store (H2 backend) in " + data + ": " + seeded.describe());
		}
		ConfigurableApplicationContext triage = new SpringApplicationBuilder(TriageApplication.class).run(
				"--spring.mongodb.uri=" + mongoUri, "--server.port=0", "--spring.kafka.bootstrap-servers=127.0.0.1:1",
				"--spring.kafka.listener.auto-startup=false", "--spring.kafka.admin.auto-create=false",
				"--recourse.sla.scan-interval=1h", "--recourse.sla.full-scan-interval=1000d",
				"--logging.level.org.apache.kafka=error", "--logging.level.root=warn");
		try {
			MongoTemplate mongo = triage.getBean(MongoTemplate.class);
			if (mongo.estimatedCount(CaseStore.ARCHIVE) + mongo.estimatedCount(CaseStore.WORKING) == 0) {
				seedThroughDriver(mongo, closed, open, owners, sample);
			}
			if (sample.isEmpty()) {
				sample.addAll(mongo.find(new Query().limit(1000), Document.class, CaseStore.ARCHIVE)
					.stream()
					.map((found) -> found.getString("reportId"))
					.toList());
			}
			say("stored: " + mongo.estimatedCount(CaseStore.ARCHIVE) + " closed (archive), "
					+ mongo.estimatedCount(CaseStore.WORKING) + " in the working collection");
			long rebuild = time(() -> {
				triage.getBean(QueueIndex.class).rebuild();
				return 0;
			});
			say("queue index rebuilt from the working collection in " + rebuild + " ms");
			run(triage, mongo, owners, sample, warmup, duration);
		}
		finally {
			triage.close();
			if (server != null) {
				server.shutdown();
			}
		}
	}

	/** A real MongoDB, empty: seeded through the driver. */
	private static void seedThroughDriver(MongoTemplate mongo, int closed, int open, int owners, List<String> sample) {
		CaseStoreSeeder seeder = new CaseStoreSeeder(mongo.getConverter(), Instant.now(), owners);
		long started = System.nanoTime();
		seeder.closed(closed, (batch) -> mongo.getCollection(CaseStore.ARCHIVE).insertMany(batch), SAMPLE_EVERY,
				sample::add);
		seeder.open(open, (batch) -> mongo.getCollection(CaseStore.WORKING).insertMany(batch));
		say("seeded " + closed + " closed and " + open + " open cases in "
				+ TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
	}

	private static void run(ConfigurableApplicationContext triage, MongoTemplate mongo, int owners,
			List<String> archived, int warmup, int duration) {
		OwnerQueue queue = triage.getBean(OwnerQueue.class);
		SlaScanner scanner = triage.getBean(SlaScanner.class);
		CaseStore cases = triage.getBean(CaseStore.class);
		say("first scanner tick (full scan, sets the schedule): " + time(() -> {
			scanner.scan();
			return 0;
		}) + " ms");
		Map<String, IntSupplier> operations = new LinkedHashMap<>();
		operations.put("owner queue, first page of 20",
				() -> queue.find(OwnerQueue.QueueFilter.ownedBy(CaseStoreSeeder.owner(random(owners))), 0, 20)
					.cases()
					.size());
		operations.put("scanner tick, nothing due (with its ShedLock lock)", () -> {
			scanner.scan();
			return 0;
		});
		operations.put("case by report id (routing's redelivery check), closed case",
				() -> cases.findByReportId(archived.get(random(archived.size()))).isPresent() ? 1 : 0);
		operations.forEach((name, operation) -> measure(name, operation, warmup, duration));
		say("for comparison, one query on a non-_id field of each collection (what the queue and the scanner "
				+ "would cost without the design):");
		say("  working collection, nextCheckAt <= now: " + time(() -> mongo
			.find(Query.query(Criteria.where("nextCheckAt").lte(Instant.now())), Document.class, CaseStore.WORKING)
			.size()) + " ms");
		say("  archive, ownerId = owner-1: " + time(() -> mongo
			.find(Query.query(Criteria.where("ownerId").is(CaseStoreSeeder.owner(1))), Document.class,
					CaseStore.ARCHIVE)
			.size()) + " ms");
	}

	/**
	 * Times {@code operation} in a loop after a warm-up; prints its percentiles, the
	 * process's CPU time per call (this JVM runs the store too, so that is the whole cost
	 * of one call, and unlike the latency it does not grow with the machine's load) and
	 * the load average at the end.
	 */
	private static void measure(String name, IntSupplier operation, int warmup, int duration) {
		say(name + ": warming up " + warmup + " s");
		loop(operation, warmup, null);
		Histogram latencies = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
		long cpu = OS.getProcessCpuTime();
		long results = loop(operation, duration, latencies);
		long calls = Math.max(1, latencies.getTotalCount());
		say(String.format(
				"RESULT %s: n=%d p50=%.2f ms p95=%.2f ms p99=%.2f ms max=%.2f ms; CPU %.2f ms per call; "
						+ "load average %.1f (results per call: %.1f)",
				name, latencies.getTotalCount(), latencies.getValueAtPercentile(50) / 1000.0,
				latencies.getValueAtPercentile(95) / 1000.0, latencies.getValueAtPercentile(99) / 1000.0,
				latencies.getMaxValue() / 1000.0, (OS.getProcessCpuTime() - cpu) / 1e6 / calls,
				OS.getSystemLoadAverage(), (double) results / calls));
	}

	private static long loop(IntSupplier operation, int seconds, Histogram latencies) {
		long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
		long results = 0;
		while (System.nanoTime() < end) {
			long started = System.nanoTime();
			results += operation.getAsInt();
			if (latencies != null) {
				latencies.recordValue(Math.max(1, TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - started)));
			}
		}
		return results;
	}

	private static long time(IntSupplier operation) {
		long started = System.nanoTime();
		operation.getAsInt();
		return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
	}

	private static int random(int bound) {
		return ThreadLocalRandom.current().nextInt(bound);
	}

	private static int number(Map<String, String> options, String name, int fallback) {
		String value = options.get(name);
		try {
			return (value != null) ? Integer.parseInt(value) : fallback;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("Not a number for " + name + ": " + value);
		}
	}

	static void say(String line) {
		System.out.println("[cases-bench " + LocalTime.now().withNano(0) + "] " + line);
	}

}
