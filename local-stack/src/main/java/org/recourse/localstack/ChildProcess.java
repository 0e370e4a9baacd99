package org.recourse.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A JVM started by the stack, with its output going to a log file. Stopping asks politely
 * (SIGTERM, so Spring shuts down gracefully), then insists, and takes any descendants
 * with it.
 */
final class ChildProcess {

	private static final Duration POLL = Duration.ofMillis(200);

	private final String name;

	private final Process process;

	private final Path log;

	private ChildProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ChildProcess startJava(String name, List<String> jvmAndProgramArgs, Map<String, String> environment,
			Path logs) {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmAndProgramArgs);
		try {
			Files.createDirectories(logs);
			Path log = logs.resolve(name + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			Process process = builder.start();
			Files.writeString(logs.resolve(name + ".pid"), String.valueOf(process.pid()));
			return new ChildProcess(name, process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot start " + name, ex);
		}
	}

	/**
	 * Ends processes a previous run left behind (its launcher was killed before it could
	 * stop them), found by the pid files in {@code logs} and recognised by their command
	 * line, so a stale child never holds a port.
	 */
	static void reapLeftovers(Path logs) {
		if (!Files.isDirectory(logs)) {
			return;
		}
		try (var pidFiles = Files.list(logs)) {
			pidFiles.filter((file) -> file.toString().endsWith(".pid")).forEach(ChildProcess::reap);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void reap(Path pidFile) {
		try {
			long pid = Long.parseLong(Files.readString(pidFile).trim());
			ProcessHandle.of(pid)
				.filter((handle) -> handle.info().commandLine().map((line) -> line.contains("java")).orElse(false))
				.ifPresent((handle) -> {
					System.out.println("[recourse] Stopping process " + pid + " left over from an earlier run");
					handle.destroyForcibly();
					handle.onExit().join();
				});
			Files.deleteIfExists(pidFile);
		}
		catch (IOException | NumberFormatException ex) {
			// an unreadable pid file names no process we could safely stop
		}
	}

	/**
	 * The classpath of this JVM, usable by a child JVM (whether we run from a jar with
	 * lib/ or from Maven).
	 */
	static String ownClasspath() {
		String classpath = System.getProperty("java.class.path");
		File single = new File(classpath);
		File lib = new File(single.getAbsoluteFile().getParentFile(), "lib");
		if (!classpath.contains(File.pathSeparator) && single.isFile() && lib.isDirectory()) {
			return single.getAbsolutePath() + File.pathSeparator + lib.getAbsolutePath() + File.separator + "*";
		}
		return classpath;
	}

	String name() {
		return this.name;
	}

	Path log() {
		return this.log;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	void awaitPort(String host, int port, Duration timeout) {
		awaitCondition(() -> portOpen(host, port), timeout, "port " + port);
	}

	void awaitCondition(BooleanSupplier ready, Duration timeout, String what) {
		Instant deadline = Instant.now().plus(timeout);
		while (Instant.now().isBefore(deadline)) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException(this.name + " exited with code " + this.process.exitValue() + " before "
						+ what + " was ready; see " + this.log);
			}
			if (ready.getAsBoolean()) {
				return;
			}
			pause();
		}
		throw new IllegalStateException(this.name + ": " + what + " not ready after " + timeout + "; see " + this.log);
	}

	int waitFor(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException(this.name + " did not finish within " + timeout + "; see " + this.log);
			}
			return this.process.exitValue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** SIGTERM, wait up to {@code grace}, then SIGKILL; descendants too. */
	void stop(Duration grace) {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroy();
		try {
			if (!this.process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	/** SIGKILL at once, as a crash would. */
	void kill() {
		this.process.destroyForcibly();
		try {
			this.process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	static boolean portOpen(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static void pause() {
		try {
			Thread.sleep(POLL.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting", ex);
		}
	}

}
