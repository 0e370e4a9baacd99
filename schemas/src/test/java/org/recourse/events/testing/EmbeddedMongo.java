package org.recourse.events.testing;

import java.net.InetSocketAddress;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.ServerVersion;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

/**
 * A MongoDB-protocol server in memory (mongo-java-server) on a free local port, for flow
 * tests on machines without Docker. It reports MongoDB 5.0 because current drivers refuse
 * the stand-in's default 3.6. Sessions and transactions are not supported. The server
 * stops when the JVM exits rather than after its test class, because JUnit runs
 * {@code @AfterAll} before Spring closes the class's context, whose outbox relay would
 * then log failures against a stopped store.
 */
public final class EmbeddedMongo {

	private final MongoServer server;

	private final InetSocketAddress address;

	private EmbeddedMongo() {
		this.server = new MongoServer(new MemoryBackend().version(ServerVersion.MONGO_5_0));
		this.address = this.server.bind();
		Runtime.getRuntime().addShutdownHook(new Thread(this.server::shutdownNow, "embedded-mongo-stop"));
	}

	public static EmbeddedMongo start() {
		return new EmbeddedMongo();
	}

	/** Where the server listens, for a test that puts something in between. */
	public InetSocketAddress address() {
		return this.address;
	}

	public String uri(String database) {
		return "mongodb://" + this.address.getHostString() + ":" + this.address.getPort() + "/" + database;
	}

}
