package org.recourse.localstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code prometheus} and {@code promtool} (package {@code prometheus}), and the
 * repository's Prometheus files rewritten for a local run. Missing binaries fail the test
 * with the command that installs them: the monitoring files are part of what
 * {@code ./mvnw verify} proves, so no machine may skip them silently.
 */
final class PrometheusBinaries {

	static final Path OPS = Path.of("..", "ops", "prometheus");

	static final String SCRAPE_USER = "prometheus";

	static final String SCRAPE_PASSWORD = "scrape-local-only";

	private PrometheusBinaries() {
	}

	static Path binary(String name) {
		for (String dir : List.of("/usr/bin", "/usr/local/bin", "/bin")) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		throw new AssertionError(name + " was not found in /usr/bin. The Prometheus rule and dashboard tests need"
				+ " Debian's Prometheus: run `sudo apt-get install -y prometheus` (then `sudo systemctl stop prometheus`"
				+ " if it started a server on port 9090); .ci/run installs it on CI machines.");
	}

	/**
	 * Copies {@code ops/prometheus} into {@code dir} with every {@code /etc/prometheus/}
	 * path pointing there and the scrape password file written, so the configuration
	 * checked and run is the repository's own.
	 */
	static Path copyConfiguration(Path dir, String scrapeInterval, List<String[]> targetReplacements)
			throws IOException {
		Files.createDirectories(dir.resolve("rules"));
		try (var rules = Files.list(OPS.resolve("rules"))) {
			for (Path rule : rules.toList()) {
				Files.copy(rule, dir.resolve("rules").resolve(rule.getFileName()));
			}
		}
		Files.writeString(dir.resolve("scrape-password"), SCRAPE_PASSWORD);
		String config = Files.readString(OPS.resolve("prometheus.yml"))
			.replace("/etc/prometheus/", dir.toAbsolutePath() + "/")
			.replace("scrape_interval: 15s", "scrape_interval: " + scrapeInterval)
			.replace("evaluation_interval: 15s", "evaluation_interval: " + scrapeInterval);
		for (String[] replacement : targetReplacements) {
			if (!config.contains(replacement[0])) {
				throw new AssertionError("ops/prometheus/prometheus.yml no longer scrapes " + replacement[0]);
			}
			config = config.replace(replacement[0], replacement[1]);
		}
		Path file = dir.resolve("prometheus.yml");
		Files.writeString(file, config);
		return file;
	}

	/** Runs a command to its end; returns its exit code and output. */
	static Result run(Path workingDir, String... command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(workingDir.toFile())
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(2, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new AssertionError(String.join(" ", command) + " did not finish");
		}
		return new Result(process.exitValue(), output);
	}

	record Result(int exitCode, String output) {
	}

}
