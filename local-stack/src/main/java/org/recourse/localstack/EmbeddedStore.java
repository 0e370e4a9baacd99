package org.recourse.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;

/**
 * The local stand-in for MongoDB: mongo-java-server speaking the MongoDB wire protocol,
 * with its H2 backend so data survives a restart. It reports MongoDB 5.0, since current
 * drivers refuse the default 3.6. Run as its own process:
 * {@code EmbeddedStore <host> <port> <file>}.
 * <p>
 * H2's MVStore writes its changes to the file about once a second, so a store killed with
 * SIGKILL would forget writes it had already acknowledged. Like MongoDB's journal with
 * {@code j: true}, this store commits each write to the file before answering it; a
 * crashed store loses nothing it acknowledged (the file is not fsynced: a power cut could
 * still, as for a process crash it cannot).
 */
public final class EmbeddedStore {

	private EmbeddedStore() {
	}

	public static void main(String[] args) throws Exception {
		String host = args[0];
		int port = Integer.parseInt(args[1]);
		Path file = Path.of(args[2]).toAbsolutePath();
		Files.createDirectories(file.getParent());
		H2Backend backend = new JournaledH2Backend(file.toString());
		backend.version(ServerVersion.MONGO_5_0);
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

	/** Commits the store's file after every command that changes data. */
	static final class JournaledH2Backend extends H2Backend {

		private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findandmodify", "createindexes",
				"dropindexes", "drop", "dropdatabase", "create", "renamecollection");

		JournaledH2Backend(String file) {
			super(file);
		}

		@Override
		public Document handleCommand(Channel channel, String database, String command, Document query) {
			Document answer = super.handleCommand(channel, database, command, query);
			if (WRITES.contains(command.toLowerCase(Locale.ROOT))) {
				getMvStore().commit();
			}
			return answer;
		}

	}

}
