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
 * {@code EmbeddedStore <host> <port> <file>}.
 */
public final class EmbeddedStore {

	private EmbeddedStore() {
	}

	public static void main(String[] args) throws Exception {
		String host = args[0];
		int port = Integer.parseInt(args[1]);
		Path file = Path.of(args[2]).toAbsolutePath();
		Files.createDirectories(file.getParent());
		H2Backend backend = new StoreBackend(file.toString());
		MongoServer server = new MongoServer(backend);
		server.bind(host, port);
		System.out.println("Embedded store listening on " + host + ":" + port + ", data in " + file);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			server.shutdown();
			System.out.println("Embedded store stopped");
			stopped.countDown();
		}, "store-shutdown"));
		stopped.await();
	}

}
