package org.recourse.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The Recourse stack the load benchmark drives: either one it starts, by running the
 * local-stack launcher ({@code java -jar local-stack.jar}, exactly what
 * {@code ./run-local} runs) on free ports with a fresh data dir and the per-client rate
 * limit off, or one already running that it attaches to.
 * <p>
 * It runs the launcher as a separate process rather than calling {@code LocalStack.start}
 * in this JVM: the launcher hands its own classpath to the store and the broker it
 * starts, and this module's classpath (triage-service with Logback) would become the
 * broker's, logging at debug level. The launcher writes one pid file per process into its
 * logs folder, which is how the processes' CPU and memory are found.
 */
final class StackUnderTest implements AutoCloseable {

	private static final Duration START = Duration.ofMinutes(10);

	private static final Duration STOP = Duration.ofSeconds(90);

	final String intakeUrl;

	final String triageUrl;

	final String notificationUrl;

	final String kafka;

	final String mongoUri;

	private final Path dataDir;

	private final Process launcher;

	/**
	 * What only our children's command lines contain: the data dir, and the launcher's
	 * own folder.
	 */
	private final List<String> ours;

	private StackUnderTest(String intakeUrl, String triageUrl, String notificationUrl, String kafka, String mongoUri,
			Path dataDir, Process launcher, List<String> ours) {
		this.intakeUrl = intakeUrl;
		this.triageUrl = triageUrl;
		this.notificationUrl = notificationUrl;
		this.kafka = kafka;
		this.mongoUri = mongoUri;
		this.dataDir = dataDir;
		this.launcher = launcher;
		this.ours = ours;
	}

	static StackUnderTest attach(LoadOptions options) {
		return new StackUnderTest(options.intakeUrl, options.triageUrl, options.notificationUrl, options.kafka,
				options.mongoUri, options.stackData, null, List.of());
	}

	/**
	 * Starts the stack; tries again (at most twice, in a fresh folder) when it could not
	 * start, since a port found free can be taken by another process before the stack
	 * binds it on a shared machine.
	 */
	static StackUnderTest start(LoadOptions options, Path dataDir) throws IOException, InterruptedException {
		for (int attempt = 1;; attempt++) {
			Path folder = (attempt == 1) ? dataDir : dataDir.resolve("attempt-" + attempt);
			StackUnderTest stack = startOnce(options, folder);
			try {
				stack.awaitReady();
				return stack;
			}
			catch (IllegalStateException ex) {
				stack.close();
				if (attempt == 3) {
					throw ex;
				}
				LoadBenchmark.say("The stack did not start (" + ex.getMessage().lines().reduce((a, b) -> b).orElse("")
						+ "); trying again on other ports");
			}
		}
	}

	private static StackUnderTest startOnce(LoadOptions options, Path dataDir) throws IOException {
		Files.createDirectories(dataDir);
		Map<String, Integer> ports = new LinkedHashMap<>();
		for (String name : List.of("INTAKE", "TRIAGE", "NOTIFICATION", "KAFKA", "KAFKA_CONTROLLER", "STORE", "SMTP",
				"MAIL")) {
			ports.put(name, freePort());
		}
		ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-jar", options.stackJar.toAbsolutePath().toString())
			.redirectErrorStream(true)
			.redirectOutput(dataDir.resolve("launcher.log").toFile());
		Map<String, String> environment = builder.environment();
		ports.forEach((name, port) -> environment.put("RECOURSE_" + name + "_PORT", String.valueOf(port)));
		environment.put("RECOURSE_DATA_DIR", dataDir.toAbsolutePath().toString());
		environment.putAll(options.serviceEnv);
		environment.put("RECOURSE_RATELIMIT_ENABLED", "false");
		if (options.bcryptStrength != null) {
			environment.put("RECOURSE_RECEIPT_BCRYPTSTRENGTH", String.valueOf(options.bcryptStrength));
		}
		LoadBenchmark.say("Starting the local stack (" + options.stackJar + ", data in " + dataDir + ", rate limit off"
				+ ((options.bcryptStrength != null) ? ", bcrypt strength " + options.bcryptStrength : "")
				+ (options.serviceEnv.isEmpty() ? "" : ", " + options.serviceEnv) + ")…");
		Process launcher = builder.start();
		StackUnderTest stack = new StackUnderTest(url(ports.get("INTAKE")), url(ports.get("TRIAGE")),
				url(ports.get("NOTIFICATION")), "127.0.0.1:" + ports.get("KAFKA"),
				"mongodb://127.0.0.1:" + ports.get("STORE"), dataDir, launcher,
				List.of(dataDir.toAbsolutePath().toString(), options.stackJar.toAbsolutePath().getParent().toString()));
		Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "stop-stack"));
		return stack;
	}

	private void awaitReady() throws IOException, InterruptedException {
		long started = System.nanoTime();
		Path log = this.dataDir.resolve("launcher.log");
		while (true) {
			String text = Files.exists(log) ? Files.readString(log) : "";
			if (text.contains("Press Ctrl-C")) {
				LoadBenchmark.say(String.format("Stack ready after %.0f s.", (System.nanoTime() - started) / 1e9));
				return;
			}
			if (!this.launcher.isAlive() || System.nanoTime() - started > START.toNanos()) {
				throw new IllegalStateException("The local stack did not start (" + log + "):\n" + text);
			}
			TimeUnit.MILLISECONDS.sleep(500);
		}
	}

	boolean started() {
		return this.launcher != null;
	}

	Optional<Path> dataDir() {
		return Optional.ofNullable(this.dataDir);
	}

	/**
	 * The processes to watch, by name: the launcher (when started here) and every process
	 * with a pid file in the stack's logs folder that is still running.
	 */
	Map<String, Long> processes() {
		Map<String, Long> processes = new LinkedHashMap<>();
		if (this.launcher != null) {
			processes.put("launcher", this.launcher.pid());
		}
		if (this.dataDir == null) {
			return processes;
		}
		try (var files = Files.list(this.dataDir.resolve("logs"))) {
			files.filter((file) -> file.toString().endsWith(".pid")).sorted().forEach((file) -> {
				try {
					long pid = Long.parseLong(Files.readString(file).trim());
					if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
						processes.put(file.getFileName().toString().replace(".pid", ""), pid);
					}
				}
				catch (IOException | NumberFormatException ex) {
					// not a pid we can watch
				}
			});
		}
		catch (IOException ex) {
			// no logs folder: nothing to watch
		}
		return processes;
	}

	/** Stops a stack started here (SIGTERM to the launcher, which stops its children). */
	@Override
	public synchronized void close() {
		if (this.launcher == null || !this.launcher.isAlive()) {
			return;
		}
		Map<String, Long> children = processes();
		LoadBenchmark.say("Stopping the local stack…");
		this.launcher.destroy();
		try {
			if (!this.launcher.waitFor(STOP.toMillis(), TimeUnit.MILLISECONDS)) {
				this.launcher.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		children.forEach((name, pid) -> ProcessHandle.of(pid)
			.filter(ProcessHandle::isAlive)
			.filter((handle) -> handle.info()
				.commandLine()
				.map((line) -> this.ours.stream().anyMatch(line::contains))
				.orElse(false))
			.ifPresent((handle) -> {
				LoadBenchmark.say("Killing leftover " + name + " (" + pid + ")");
				handle.destroyForcibly();
			}));
		LoadBenchmark.say("Stack stopped.");
	}

	private static String url(int port) {
		return "http://127.0.0.1:" + port;
	}

	private static String javaBinary() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
