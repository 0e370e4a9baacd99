package org.recourse.intake;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * A MongoDB-protocol server in memory (no {@code mongod} can be installed here), started
 * once per test JVM on a free port. It must claim a 5.0 wire version: the 5.x driver
 * refuses the 3.6 the server reports by default. Use from a
 * {@code @DynamicPropertySource} method: {@code EmbeddedMongo.register(registry)}.
 */
public final class EmbeddedMongo {

	private static final String DATABASE = "recourse_intake";

	private static MongoServer server;

	private static InetSocketAddress address;

	private EmbeddedMongo() {
	}

	public static void register(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", EmbeddedMongo::uri);
	}

	public static synchronized String uri() {
		if (server == null) {
			server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
			address = server.bind();
			Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "embedded-mongo-shutdown"));
		}
		return "mongodb://" + address.getHostString() + ":" + address.getPort() + "/" + DATABASE;
	}

}
