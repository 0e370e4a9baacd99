package org.recourse.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;

/**
 * The local stand-in for MongoDB: mongo-java-server speaking the MongoDB wire protocol,
 * with its H2 backend so data survives a restart ({@link StoreBackend}: reports MongoDB
 * 5.0, opens without reading every document). Run as its own process:
 * {@code EmbeddedStore <host> <port> <file> [--journal]}.
 * <p>
 * H2's MVStore writes its changes to the file about once a second, so a store killed with
 * SIGKILL forgets writes of its last second that it had already acknowledged. With
 * {@code --journal} (the fault tests, which kill it), the store commits each write to the
 * file before answering it, as MongoDB's journal does with {@code j: true}: a killed
 * store then loses nothing it acknowledged (the file is not fsynced, so a power cut still
 * could). It costs about 2 ms per write here and a file that grows faster (MVStore reuses
 * the space of old chunks only after a while), so it is off by default.
 * <p>
 * {@code RECOURSE_STORE_STATS=<seconds>} in its environment makes it print, at that
 * interval, which command shapes took its time ({@link StoreStats}).
 */
public final class EmbeddedStore {

	private EmbeddedStore() {
	}

	public static void main(String[] args) throws Exception {
		String host = args[0];
		int port = Integer.parseInt(args[1]);
		Path file = Path.of(args[2]).toAbsolutePath();
		Files.createDirectories(file.getParent());
		boolean journal = args.length > 3 && "--journal".equals(args[3]);
		StoreStats stats = stats(System.getenv("RECOURSE_STORE_STATS"));
		H2Backend backend = new StoreBackend(file.toString(), journal, stats);
		MongoServer server = new MongoServer(backend);
		server.bind(host, port);
		System.out.println("Embedded store listening on " + host + ":" + port + ", data in " + file
				+ (journal ? ", every write committed before it is acknowledged" : ""));
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdown();
			System.out.println("Embedded store stopped");
			stopped.countDown();
		}, "store-shutdown"));
		stopped.await();
	}

	/**
	 * With {@code RECOURSE_STORE_STATS=<seconds>}: counts every command's time by shape
	 * and prints the costliest shapes at that interval ({@link StoreStats}).
	 */
	private static StoreStats stats(String seconds) {
		if (seconds == null || seconds.isBlank()) {
			return null;
		}
		Duration interval;
		try {
			interval = Duration.ofSeconds(Long.parseLong(seconds.strip()));
		}
		catch (NumberFormatException ex) {
			System.out.println("RECOURSE_STORE_STATS is not a number of seconds (" + seconds + "): no statistics");
			return null;
		}
		if (interval.isNegative() || interval.isZero()) {
			return null;
		}
		StoreStats stats = new StoreStats();
		ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "store-stats");
			thread.setDaemon(true);
			return thread;
		});
		printer.scheduleAtFixedRate(() -> stats.print(System.out, interval), interval.toSeconds(), interval.toSeconds(),
				TimeUnit.SECONDS);
		System.out.println("Counting the store's commands by shape, printed every " + interval.toSeconds() + " s");
		return stats;
	}

}
