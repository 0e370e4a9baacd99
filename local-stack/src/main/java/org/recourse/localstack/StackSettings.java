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
 * <p>
 * The three services run with {@link #DEFAULT_SERVICE_JVM_OPTIONS}, chosen for a laptop:
 * quick start-up and little memory, at the cost of peak speed (C1 only, no C2). The
 * environment variable {@value #SERVICE_JVM_OPTIONS_VARIABLE} replaces them with its
 * whitespace-separated options (no quoting), e.g.
 * {@code RECOURSE_SERVICE_JVM_OPTS="-Xms256m -Xmx256m -XX:+UseSerialGC"} for the full
 * JIT, as {@code ./benchmark} does.
 * <p>
 * {@code RECOURSE_STORE_JOURNAL=true} makes the store commit every write to its file
 * before acknowledging it (see {@link EmbeddedStore}).
 */
public record StackSettings(Path dataDir, Path servicesDir, int intakePort, int triagePort, int notificationPort,
		int kafkaPort, int kafkaControllerPort, int storePort, int smtpPort, int mailPort,
		List<String> serviceArguments, List<String> serviceJvmOptions, boolean journaledStore) {

	static final String HOST = "127.0.0.1";

	static final String SERVICE_JVM_OPTIONS_VARIABLE = "RECOURSE_SERVICE_JVM_OPTS";

	/** A small heap, a lean collector and C1 only: quick to start, light on memory. */
	public static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
			"-XX:TieredStopAtLevel=1");

	public static StackSettings fromEnvironment(Path servicesDir) {
		int kafkaPort = port("RECOURSE_KAFKA_PORT", 9092);
		return new StackSettings(Path.of(System.getenv().getOrDefault("RECOURSE_DATA_DIR", ".local-stack")),
				servicesDir, port("RECOURSE_INTAKE_PORT", 8080), port("RECOURSE_TRIAGE_PORT", 8081),
				port("RECOURSE_NOTIFICATION_PORT", 8082), kafkaPort,
				port("RECOURSE_KAFKA_CONTROLLER_PORT", kafkaPort + 1), port("RECOURSE_STORE_PORT", 27017),
				port("RECOURSE_SMTP_PORT", 2525), port("RECOURSE_MAIL_PORT", 8083), List.of(),
				serviceJvmOptions(System.getenv(SERVICE_JVM_OPTIONS_VARIABLE)),
				Boolean.parseBoolean(System.getenv("RECOURSE_STORE_JOURNAL")));
	}

	/**
	 * The services' JVM options from the value of {@value #SERVICE_JVM_OPTIONS_VARIABLE}:
	 * the defaults when it is unset or blank, otherwise its whitespace-separated options,
	 * each of which must start with a dash (a missing dash would make {@code java} take
	 * it for the class to run).
	 * @throws IllegalArgumentException naming the first token that is not an option
	 */
	static List<String> serviceJvmOptions(String value) {
		if (value == null || value.isBlank()) {
			return DEFAULT_SERVICE_JVM_OPTIONS;
		}
		List<String> options = List.of(value.strip().split("\\s+"));
		for (String option : options) {
			if (!option.startsWith("-") || option.equals("-jar") || option.equals("-cp")
					|| option.equals("-classpath")) {
				throw new IllegalArgumentException(SERVICE_JVM_OPTIONS_VARIABLE + " must hold JVM options only, each"
						+ " starting with '-' (such as -Xmx256m), separated by spaces; '" + option + "' is not one.");
			}
		}
		return options;
	}

	/**
	 * Free ports everywhere, for tests that must not collide with a stack already
	 * running; {@code arguments} go to every service (for example to raise intake's
	 * per-client limits, since every test client is 127.0.0.1).
	 */
	public static StackSettings onFreePorts(Path dataDir, Path servicesDir, String... arguments) {
		return new StackSettings(dataDir, servicesDir, freePort(), freePort(), freePort(), freePort(), freePort(),
				freePort(), freePort(), freePort(), List.of(arguments), DEFAULT_SERVICE_JVM_OPTIONS, false);
	}

	/**
	 * The same, with a store that commits every write before acknowledging it, for tests
	 * that kill the store.
	 */
	public StackSettings withJournaledStore() {
		return new StackSettings(this.dataDir, this.servicesDir, this.intakePort, this.triagePort,
				this.notificationPort, this.kafkaPort, this.kafkaControllerPort, this.storePort, this.smtpPort,
				this.mailPort, this.serviceArguments, this.serviceJvmOptions, true);
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
