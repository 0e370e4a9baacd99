package org.recourse.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.recourse.localstack.StoreBackend;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseStore;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.IndexResolver;

/**
 * The embedded store of the history benchmark, in its data directory: seeded once, then
 * reused by every later run, whatever sizes that run asks for (seeding a million cases is
 * the expensive part; delete the directory to seed afresh). {@value #MARKER} is written
 * last and says what the store holds and what seeding it cost; a store file without it is
 * the remains of an interrupted seeding and is replaced.
 *
 * <p>
 * Seeding writes straight into the store's backend, in this process (no wire protocol),
 * with the cases made on a second thread while the first inserts, and commits every
 * {@value #COMMIT_EVERY} cases. The store is opened exactly as the local stack and the
 * benchmark open it (MVStore defaults), so what is measured later reads what an ordinary
 * store holds.
 */
record Seeded(Path store, int closed, int open, int owners, List<String> sample, Properties facts) {

	static final String MARKER = "seeded.properties";

	private static final String SAMPLE = "sample-report-ids.txt";

	private static final int COMMIT_EVERY = 50_000;

	/** Disk per seeded case, measured (3.7 KB), with a margin. */
	private static final long BYTES_PER_CASE = 4_500;

	private static final long SPARE_DISK = 2L << 30;

	/** The end of a collection's cases (compared by identity). */
	private static final List<de.bwaldvogel.mongo.bson.Document> END = new ArrayList<>();

	static Seeded in(Path data, int closed, int open, int owners) throws IOException, InterruptedException {
		Files.createDirectories(data);
		Path store = data.resolve("store.mv");
		Path marker = data.resolve(MARKER);
		if (Files.exists(marker)) {
			Seeded seeded = read(data);
			if (seeded.closed() != closed || seeded.open() != open || seeded.owners() != owners) {
				say("reusing the store seeded with " + seeded.closed() + " closed, " + seeded.open() + " open, "
						+ seeded.owners() + " owners (not the sizes asked for; delete " + data + " to seed afresh)");
			}
			return seeded;
		}
		if (Files.deleteIfExists(store)) {
			say("found a store without " + MARKER + " (an interrupted seeding): seeding afresh");
		}
		long needed = (closed + (long) open) * BYTES_PER_CASE;
		long free = Files.getFileStore(data).getUsableSpace();
		if (free < needed + SPARE_DISK) {
			throw new IllegalStateException("Seeding needs about " + (needed >> 20) + " MB in " + data + " and "
					+ (SPARE_DISK >> 30) + " GB to spare; " + (free >> 20) + " MB are free.");
		}
		say("seeding " + closed + " closed and " + open + " open cases (" + owners + " owners) into " + store
				+ " (about " + (needed >> 20) + " MB)");
		Properties facts = new Properties();
		List<String> sample = new ArrayList<>();
		seed(store, closed, open, owners, sample, facts);
		Files.write(data.resolve(SAMPLE), sample);
		facts.setProperty("closed", String.valueOf(closed));
		facts.setProperty("open", String.valueOf(open));
		facts.setProperty("owners", String.valueOf(owners));
		facts.setProperty("storeBytes", String.valueOf(Files.size(store)));
		facts.setProperty("seededAt", Instant.now().toString());
		Path written = data.resolve(MARKER + ".tmp");
		try (Writer out = Files.newBufferedWriter(written)) {
			facts.store(out, "History benchmark store: what it holds and what seeding it cost");
		}
		Files.move(written, marker, StandardCopyOption.ATOMIC_MOVE);
		return read(data);
	}

	String describe() {
		return this.closed + " closed, " + this.open + " open, " + this.owners + " owners; seeded "
				+ this.facts.getProperty("seededAt") + " in " + this.facts.getProperty("seedSeconds") + " s wall, "
				+ this.facts.getProperty("seedCpuSeconds") + " s CPU; store file "
				+ (Long.parseLong(this.facts.getProperty("storeBytes")) >> 20) + " MB ("
				+ Long.parseLong(this.facts.getProperty("storeBytes")) / Math.max(1, this.closed + this.open)
				+ " bytes per case)";
	}

	private static Seeded read(Path data) throws IOException {
		Properties facts = new Properties();
		try (Reader in = Files.newBufferedReader(data.resolve(MARKER))) {
			facts.load(in);
		}
		return new Seeded(data.resolve("store.mv"), Integer.parseInt(facts.getProperty("closed")),
				Integer.parseInt(facts.getProperty("open")), Integer.parseInt(facts.getProperty("owners")),
				Files.readAllLines(data.resolve(SAMPLE)), facts);
	}

	private static void seed(Path file, int closed, int open, int owners, List<String> sample, Properties facts)
			throws InterruptedException {
		var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
		long cpu = os.getProcessCpuTime();
		long started = System.nanoTime();
		H2Backend backend = new StoreBackend(file.toString());
		MongoServer server = new MongoServer(backend);
		var address = server.bind();
		ExecutorService maker = Executors.newSingleThreadExecutor();
		try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + address.getPort())) {
			MongoTemplate mongo = new MongoTemplate(client, "recourse_triage");
			IndexResolver.create(mongo.getConverter().getMappingContext())
				.resolveIndexFor(Case.class)
				.forEach((index) -> mongo.indexOps(CaseStore.WORKING).createIndex(index));
			CaseStore.declareArchiveIndexes(mongo);
			CaseStoreSeeder seeder = new CaseStoreSeeder(mongo.getConverter(), Instant.now(), owners);
			BlockingQueue<List<de.bwaldvogel.mongo.bson.Document>> made = new ArrayBlockingQueue<>(8);
			Future<?> making = maker.submit(() -> {
				seeder.closed(closed, handOver(made), CaseStoreBenchmark.SAMPLE_EVERY, sample::add);
				put(made, END);
				seeder.open(open, handOver(made));
				put(made, END);
				return null;
			});
			insert(backend, CaseStore.ARCHIVE, closed, made, making, started);
			insert(backend, CaseStore.WORKING, open, made, making, started);
			backend.commit();
			making.get();
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Making the cases failed", ex.getCause());
		}
		finally {
			maker.shutdownNow();
			server.shutdown();
			backend.close();
		}
		long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
		facts.setProperty("seedSeconds", String.valueOf(seconds));
		facts.setProperty("seedCpuSeconds",
				String.valueOf(TimeUnit.NANOSECONDS.toSeconds(os.getProcessCpuTime() - cpu)));
		facts.setProperty("seedLoadAverage", String.format("%.1f", os.getSystemLoadAverage()));
		say("seeded " + closed + " closed and " + open + " open cases in " + seconds + " s");
	}

	private static Consumer<List<org.bson.Document>> handOver(
			BlockingQueue<List<de.bwaldvogel.mongo.bson.Document>> made) {
		return (batch) -> put(made, batch.stream().map(CaseStoreSeeder::embedded).toList());
	}

	private static void put(BlockingQueue<List<de.bwaldvogel.mongo.bson.Document>> made,
			List<de.bwaldvogel.mongo.bson.Document> batch) {
		try {
			made.put(batch);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while seeding", ex);
		}
	}

	private static void insert(H2Backend backend, String collection, int total,
			BlockingQueue<List<de.bwaldvogel.mongo.bson.Document>> made, Future<?> making, long started)
			throws InterruptedException, ExecutionException {
		var target = backend.resolveDatabase("recourse_triage").resolveCollection(collection, false);
		long stored = 0;
		long lastCommit = 0;
		while (true) {
			List<de.bwaldvogel.mongo.bson.Document> batch = made.poll(1, TimeUnit.SECONDS);
			if (batch == null) {
				if (making.isDone()) {
					making.get();
					throw new IllegalStateException("Making the cases stopped early");
				}
				continue;
			}
			if (batch == END) {
				return;
			}
			target.insertDocuments(batch, true);
			stored += batch.size();
			if (stored - lastCommit >= COMMIT_EVERY) {
				backend.commit();
				lastCommit = stored;
			}
			if (stored % 50_000 == 0 || stored == total) {
				say(collection + ": " + stored + " / " + total + " after "
						+ TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started) + " s");
			}
		}
	}

	private static void say(String line) {
		CaseStoreBenchmark.say(line);
	}

}
