package org.recourse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A stack of its own, for the tests that crash processes or add instances: free ports and
 * a fresh temporary folder, so the stack the other end-to-end tests share is never
 * disturbed. Closing it stops every process (second instances included) and deletes the
 * folder, unless the test did not pass: then data and logs stay for a look.
 */
final class OwnStack implements AutoCloseable {

	private final String name;

	private final Path dataDir;

	private final LocalStack stack;

	private volatile boolean passed;

	private final Thread onExit;

	private OwnStack(String name, Path dataDir, LocalStack stack) {
		this.name = name;
		this.dataDir = dataDir;
		this.stack = stack;
		// also when the test JVM is stopped (Ctrl-C on ./fault-suite, a forked-JVM
		// timeout)
		this.onExit = new Thread(stack::close, name + "-stack-stop");
		Runtime.getRuntime().addShutdownHook(this.onExit);
	}

	/**
	 * Starts a stack named {@code name} (its folder's prefix), with the per-client limits
	 * off (every test client is 127.0.0.1), a cheaper receipt hash (bcrypt strength 4:
	 * these tests are about faults, and the 2-core machine runs them), a store that
	 * commits every write before acknowledging it (they kill it), relays that retry
	 * within 5 s, senders whose claims expire after 30 s (so a message claimed by a
	 * killed process is sent within the run), the {@code sla-probe} system, and
	 * {@code arguments}.
	 */
	static OwnStack start(String name, String... arguments) {
		try {
			Path dataDir = Files.createTempDirectory("recourse-" + name + "-");
			Path services = copyOfServices(dataDir);
			List<String> all = new ArrayList<>(List.of("--recourse.rate-limit.enabled=false",
					"--recourse.receipt.bcrypt-strength=4", "--recourse.outbox.max-backoff=5s",
					"--recourse.mail.claim-for=30s", "--recourse.staff-notices.claim-for=30s",
					"--recourse.registry.seed=" + LocalStackExtension.seedWithProbe(dataDir).toUri()));
			all.addAll(List.of(arguments));
			System.out.println("[" + name + "] own stack in " + dataDir);
			LocalStack stack = LocalStack
				.start(StackSettings.onFreePorts(dataDir, services, all.toArray(String[]::new)).withJournaledStore());
			return new OwnStack(name, dataDir, stack);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * The service jars, copied: a build in the same tree while a long run goes on must
	 * not replace the jars its processes run (or restart) from.
	 */
	private static Path copyOfServices(Path dataDir) throws IOException {
		Path built = Path.of(System.getProperty("recourse.services.dir", "target/services"));
		Path copy = Files.createDirectories(dataDir.resolve("services"));
		try (Stream<Path> jars = Files.list(built)) {
			for (Path jar : jars.toList()) {
				Files.copy(jar, copy.resolve(jar.getFileName()));
			}
		}
		return copy;
	}

	LocalStack stack() {
		return this.stack;
	}

	/** The test passed: its data need not be kept. */
	void passed() {
		this.passed = true;
	}

	@Override
	public void close() {
		this.stack.close();
		try {
			Runtime.getRuntime().removeShutdownHook(this.onExit);
		}
		catch (IllegalStateException ex) {
			// the JVM is already shutting down and the hook runs anyway
		}
		if (!this.passed) {
			System.out.println("[" + this.name + "] data and logs kept in " + this.dataDir);
			return;
		}
		try (Stream<Path> files = Files.walk(this.dataDir)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
		catch (IOException ex) {
			System.out.println("[" + this.name + "] could not delete " + this.dataDir + ": " + ex.getMessage());
		}
	}

}
