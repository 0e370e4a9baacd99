package org.recourse.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

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
		H2Backend backend = new StoreBackend(file.toString(), journal);
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

}
