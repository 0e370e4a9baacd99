package org.recourse.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Starts the whole platform as child processes, in dependency order: store, mail sink,
 * broker, then the three services together; waits for each to be ready; stops them in
 * reverse order on {@link #close()} or Ctrl-C. The fault and scale tests also crash and
 * restart single processes and run a second instance of a service beside the first.
 */
public final class LocalStack implements AutoCloseable {

	/**
	 * How long each service may take to become ready, in seconds: 3 minutes by default (a
	 * busy machine starting the services on the full JIT may need more).
	 */
	static final String START_TIMEOUT_VARIABLE = "RECOURSE_START_TIMEOUT_SECONDS";

	private final Duration serviceStart = startTimeout(System.getenv(START_TIMEOUT_VARIABLE));

	private static final Duration GRACE = Duration.ofSeconds(20);

	private final StackSettings settings;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

	private ChildProcess store;

	private ChildProcess kafka;

	private ChildProcess mail;

	/**
	 * Running service instances by process name ({@code triage-service-2} for a second).
	 */
	private final Map<String, Instance> services = new LinkedHashMap<>();

	private LocalStack(StackSettings settings) {
		this.settings = settings;
	}

	public static LocalStack start(StackSettings settings) {
		LocalStack stack = new LocalStack(settings);
		try {
			stack.startAll();
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	public static void main(String[] args) throws Exception {
		Path home = Path.of(LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
		StackSettings settings;
		try {
			settings = StackSettings.fromEnvironment(home.resolve("services"));
			startTimeout(System.getenv(START_TIMEOUT_VARIABLE));
		}
		catch (IllegalArgumentException ex) {
			say("Could not start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		long started = System.nanoTime();
		say("Starting the Recourse local stack (data in " + settings.dataDir().toAbsolutePath() + ")");
		if (!settings.serviceJvmOptions().equals(StackSettings.DEFAULT_SERVICE_JVM_OPTIONS)) {
			say("  services' JVM options (" + StackSettings.SERVICE_JVM_OPTIONS_VARIABLE + "): "
					+ String.join(" ", settings.serviceJvmOptions()));
		}
		LocalStack stack;
		try {
			stack = start(settings);
		}
		catch (IllegalStateException ex) {
			say("Could not start: " + ex.getMessage());
			System.exit(1);
			return;
		}
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			say("Stopping…");
			stack.close();
			say("Stopped. Data kept in " + settings.dataDir().toAbsolutePath());
			stopped.countDown();
		}, "local-stack-shutdown"));
		say(String.format("Ready in %.1f s.", (System.nanoTime() - started) / 1e9));
		say("  Report form      " + settings.url(settings.intakePort()) + "/");
		say("  Status page      " + settings.url(settings.intakePort()) + "/status");
		say("  Intake API       " + settings.url(settings.intakePort()) + "/api/v1/reports");
		say("  Owner pages      " + settings.url(settings.triagePort()) + "/  (sign in as a demo account below)");
		say("  Triage API       " + settings.url(settings.triagePort())
				+ "/api/v1/cases   (HTTP Basic, e.g. curl -u alice.owner:recourse-demo)");
		say("  AI systems       " + settings.url(settings.triagePort()) + "/api/v1/systems");
		say("  Notification     " + settings.url(settings.notificationPort()) + "/actuator/health");
		say("  Mails sent       " + settings.url(settings.mailPort()) + "   (SMTP sink on " + settings.smtpPort()
				+ ")");
		say("  Metrics          /actuator/prometheus on each service (user prometheus, password scrape-local-only)");
		say("  Kafka            " + settings.kafkaBootstrap() + "   Store  " + settings.mongoUri(""));
		say("  Logs             " + settings.logs().toAbsolutePath());
		say("LOCAL USE ONLY: demo staff accounts, all with the password 'recourse-demo':");
		say("  owners      alice.owner (HR Assistant), bob.owner (Support chatbot), carol.owner (Code Copilot),");
		say("              dan.deputy (deputy of HR Assistant and Code Copilot)");
		say("  compliance  casey.compliance (governance queue: Finance forecaster has no owner; audit export)");
		say("  admin       ada.admin (AI-system registry)");
		say("Press Ctrl-C to stop.");
		stopped.await();
	}

	public StackSettings settings() {
		return this.settings;
	}

	/** Every service's log file, for tests that read what was logged. */
	public List<Path> logFiles() {
		try (var files = Files.list(this.settings.logs())) {
			return files.filter((file) -> file.toString().endsWith(".log")).toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	private void startAll() {
		ChildProcess.reapLeftovers(this.settings.logs());
		requireFree("store", this.settings.storePort(), "RECOURSE_STORE_PORT");
		requireFree("Kafka", this.settings.kafkaPort(), "RECOURSE_KAFKA_PORT");
		requireFree("Kafka controller", this.settings.kafkaControllerPort(), "RECOURSE_KAFKA_CONTROLLER_PORT");
		requireFree("mail sink (SMTP)", this.settings.smtpPort(), "RECOURSE_SMTP_PORT");
		requireFree("mail page", this.settings.mailPort(), "RECOURSE_MAIL_PORT");
		for (Service service : Service.values()) {
			requireFree(service.artifact(), service.port(this.settings), "RECOURSE_" + service.name() + "_PORT");
		}
		startStore();
		say("  store ready on " + this.settings.storePort());
		this.mail = ChildProcess.startJava("mail",
				List.of("-Xmx512m", "-cp", ChildProcess.ownClasspath(), MailSink.class.getName(), StackSettings.HOST,
						String.valueOf(this.settings.smtpPort()), String.valueOf(this.settings.mailPort())),
				Map.of(), this.settings.logs());
		this.kafka = KafkaBroker.start(this.settings);
		say("  kafka ready on " + this.settings.kafkaPort());
		for (Service service : Service.values()) {
			launch(service, service.artifact(), service.port(this.settings));
		}
		this.mail.awaitPort(StackSettings.HOST, this.settings.mailPort(), Duration.ofSeconds(60));
		say("  mail sink ready on " + this.settings.smtpPort());
		for (Service service : Service.values()) {
			awaitReady(service.artifact());
			say("  " + service.artifact() + " ready on " + service.port(this.settings));
		}
	}

	private void startStore() {
		List<String> command = new ArrayList<>(List.of("-Xmx512m", "-cp", ChildProcess.ownClasspath(),
				EmbeddedStore.class.getName(), StackSettings.HOST, String.valueOf(this.settings.storePort()),
				this.settings.dataDir().resolve("store").resolve("recourse.mv").toString()));
		if (this.settings.journaledStore()) {
			command.add("--journal");
		}
		this.store = ChildProcess.startJava("store", command, Map.of(), this.settings.logs());
		this.store.awaitPort(StackSettings.HOST, this.settings.storePort(), Duration.ofSeconds(60));
	}

	private void launch(Service service, String name, int port) {
		this.services.put(name, new Instance(service, port,
				ChildProcess.startJava(name, service.arguments(this.settings, port), Map.of(), this.settings.logs())));
	}

	private void awaitReady(String name) {
		Instance instance = this.services.get(name);
		instance.process().awaitCondition(() -> ready(instance.port()), this.serviceStart, name + " readiness");
	}

	/**
	 * Crashes a service: SIGKILL to its process (no shutdown hook, no graceful stop, work
	 * in flight is cut off), as the kernel's OOM killer or a lost host would.
	 */
	synchronized void kill(Service service) {
		Instance instance = this.services.get(service.artifact());
		if (instance != null) {
			instance.process().kill();
		}
	}

	/**
	 * Starts a killed service again on its own port, database and consumer groups, and
	 * waits until it is ready.
	 */
	synchronized void restart(Service service) {
		Instance instance = this.services.get(service.artifact());
		if (instance != null && instance.process().isAlive()) {
			throw new IllegalStateException(service.artifact() + " is still running");
		}
		launch(service, service.artifact(), service.port(this.settings));
		awaitReady(service.artifact());
	}

	/**
	 * Starts a second instance of a service beside the first, on another HTTP port but
	 * the same database and consumer groups, and waits until it is ready; stopped with
	 * the stack. Returns its port.
	 */
	synchronized int startSecondInstance(Service service) {
		String name = service.artifact() + "-2";
		if (this.services.containsKey(name)) {
			throw new IllegalStateException(name + " was already started");
		}
		int port = StackSettings.freePort();
		launch(service, name, port);
		awaitReady(name);
		return port;
	}

	/**
	 * Crashes the store (SIGKILL): every service loses its connections at once. With a
	 * journaled store ({@link StackSettings#withJournaledStore()}) nothing it
	 * acknowledged is lost; {@link #restartStore()} brings it back on the same port and
	 * file.
	 */
	synchronized void killStore() {
		this.store.kill();
	}

	synchronized void restartStore() {
		if (this.store.isAlive()) {
			throw new IllegalStateException("The store is still running");
		}
		startStore();
	}

	/** Crashes the broker (SIGKILL); {@link #startKafka()} brings it back on its data. */
	synchronized void killKafka() {
		if (this.kafka != null) {
			this.kafka.kill();
			this.kafka = null;
		}
	}

	/** Stops the broker (as an outage would), keeping its data. */
	public synchronized void stopKafka() {
		if (this.kafka != null) {
			this.kafka.stop(GRACE);
			this.kafka = null;
		}
	}

	/** Starts the broker again on the same port and data. */
	public synchronized void startKafka() {
		if (this.kafka == null) {
			this.kafka = KafkaBroker.start(this.settings);
		}
	}

	static Duration startTimeout(String seconds) {
		if (seconds == null || seconds.isBlank()) {
			return Duration.ofMinutes(3);
		}
		try {
			return Duration.ofSeconds(Long.parseLong(seconds.strip()));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					START_TIMEOUT_VARIABLE + " must be a number of seconds, not '" + seconds + "'");
		}
	}

	private static void requireFree(String what, int port, String variable) {
		if (ChildProcess.portOpen(StackSettings.HOST, port)) {
			throw new IllegalStateException("Port " + port + " for the " + what + " is already in use (another stack"
					+ " still running?). Stop it, or choose another port with " + variable + ".");
		}
	}

	private boolean ready(int port) {
		try {
			HttpRequest request = HttpRequest
				.newBuilder(new URI(this.settings.url(port) + "/actuator/health/readiness"))
				.timeout(Duration.ofSeconds(5))
				.build();
			return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException | URISyntaxException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public synchronized void close() {
		List<ChildProcess> running = new ArrayList<>(this.services.values().stream().map(Instance::process).toList());
		running.parallelStream().forEach((child) -> child.stop(GRACE));
		this.services.clear();
		if (this.kafka != null) {
			this.kafka.stop(GRACE);
			this.kafka = null;
		}
		if (this.mail != null) {
			this.mail.stop(GRACE);
			this.mail = null;
		}
		if (this.store != null) {
			this.store.stop(GRACE);
			this.store = null;
		}
	}

	private record Instance(Service service, int port, ChildProcess process) {
	}

	private static void say(String line) {
		System.out.println("[recourse] " + line);
	}

}
