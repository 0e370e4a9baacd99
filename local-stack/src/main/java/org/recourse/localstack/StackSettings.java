package org.recourse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;

/**
 * Where the stack listens and keeps its data. Defaults are DESIGN.md section 9's ports;
 * each can be overridden by an environment variable ({@code RECOURSE_INTAKE_PORT},
 * {@code RECOURSE_TRIAGE_PORT}, {@code RECOURSE_NOTIFICATION_PORT},
 * {@code RECOURSE_KAFKA_PORT}, {@code RECOURSE_STORE_PORT}, {@code RECOURSE_SMTP_PORT},
 * {@code RECOURSE_MAIL_PORT} (the page listing the mails), {@code RECOURSE_DATA_DIR}).
 * {@code RECOURSE_STORE_JOURNAL=true} makes the store commit every write to its file
 * before acknowledging it (see {@link EmbeddedStore}).
 */
public record StackSettings(Path dataDir, Path servicesDir, int intakePort, int triagePort, int notificationPort,
		int kafkaPort, int kafkaControllerPort, int storePort, int smtpPort, int mailPort,
		List<String> serviceArguments, boolean journaledStore) {

	static final String HOST = "127.0.0.1";

	public static StackSettings fromEnvironment(Path servicesDir) {
		int kafkaPort = port("RECOURSE_KAFKA_PORT", 9092);
		return new StackSettings(Path.of(System.getenv().getOrDefault("RECOURSE_DATA_DIR", ".local-stack")),
				servicesDir, port("RECOURSE_INTAKE_PORT", 8080), port("RECOURSE_TRIAGE_PORT", 8081),
				port("RECOURSE_NOTIFICATION_PORT", 8082), kafkaPort,
				port("RECOURSE_KAFKA_CONTROLLER_PORT", kafkaPort + 1), port("RECOURSE_STORE_PORT", 27017),
				port("RECOURSE_SMTP_PORT", 2525), port("RECOURSE_MAIL_PORT", 8083), List.of(),
				Boolean.parseBoolean(System.getenv("RECOURSE_STORE_JOURNAL")));
	}

	/**
	 * Free ports everywhere, for tests that must not collide with a stack already
	 * running; {@code arguments} go to every service (for example to raise intake's
	 * per-client limits, since every test client is 127.0.0.1).
	 */
	public static StackSettings onFreePorts(Path dataDir, Path servicesDir, String... arguments) {
		return new StackSettings(dataDir, servicesDir, freePort(), freePort(), freePort(), freePort(), freePort(),
				freePort(), freePort(), freePort(), List.of(arguments), false);
	}

	/**
	 * The same, with a store that commits every write before acknowledging it, for tests
	 * that kill the store.
	 */
	public StackSettings withJournaledStore() {
		return new StackSettings(this.dataDir, this.servicesDir, this.intakePort, this.triagePort,
				this.notificationPort, this.kafkaPort, this.kafkaControllerPort, this.storePort, this.smtpPort,
				this.mailPort, this.serviceArguments, true);
	}

	public String kafkaBootstrap() {
		return HOST + ":" + this.kafkaPort;
	}

	public String mongoUri(String database) {
		return "mongodb://" + HOST + ":" + this.storePort + "/" + database;
	}

	public String url(int port) {
		return "http://localhost:" + port;
	}

	public Path logs() {
		return this.dataDir.resolve("logs");
	}

	private static int port(String variable, int fallback) {
		String value = System.getenv(variable);
		return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.trim());
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
