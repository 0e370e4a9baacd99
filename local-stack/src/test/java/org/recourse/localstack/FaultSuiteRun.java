package org.recourse.localstack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The long fault suite, on demand only: {@code ./fault-suite [count]} runs it (never part
 * of {@code ./mvnw verify}: the class name matches no test pattern, and it needs
 * {@code -Drecourse.fault-suite.reports}). The same scenario as
 * {@link FaultEndToEndTests} with 10,000 reports by default, longer outages (30 s), and
 * the summary written to {@code local-stack/target/fault-suite/summary.txt} (and faults
 * and progress, as they happen, to {@code progress.log} beside it). Tuning, as system
 * properties: {@code recourse.fault-suite.rate} (reports per second, default 10),
 * {@code recourse.fault-suite.email-every} (1 in how many reporters leaves an e-mail,
 * default 3).
 */
@EnabledIfSystemProperty(named = "recourse.fault-suite.reports", matches = "\\d+")
class FaultSuiteRun {

	@Test
	void losesNothingAndDoesNothingTwiceOverALongRun() throws IOException {
		int reports = Integer.getInteger("recourse.fault-suite.reports");
		double rate = Double.parseDouble(System.getProperty("recourse.fault-suite.rate", "10"));
		int emailEvery = Integer.getInteger("recourse.fault-suite.email-every", 3);
		Path folder = Files.createDirectories(Path.of("target", "fault-suite"));
		try (PrintStream progress = new PrintStream(Files.newOutputStream(folder.resolve("progress.log")), true)) {
			progress.println("[fault-suite] Starting a stack of its own (a minute or more)…");
			run(reports, rate, emailEvery, folder, progress);
		}
	}

	private static void run(int reports, double rate, int emailEvery, Path folder, PrintStream progress)
			throws IOException {
		try (OwnStack own = OwnStack.start("fault-suite", "--recourse.sla.scan-interval=5s")) {
			progress.println("[fault-suite] Stack ready; submitting.");
			FaultScenario scenario = new FaultScenario(own.stack(), reports, rate, emailEvery, Duration.ofSeconds(30))
				.reportingTo(progress);
			Findings findings = scenario.run(Duration.ofHours(3));
			String summary = scenario.summary(findings) + String.format("Machine: %d cores, load average %s%n",
					Runtime.getRuntime().availableProcessors(), Files.readString(Path.of("/proc/loadavg")).trim());
			Files.writeString(folder.resolve("summary.txt"), summary);
			System.out.println(summary);

			assertThat(findings.problems()).as(summary).isEmpty();
			own.passed();
		}
	}

}
