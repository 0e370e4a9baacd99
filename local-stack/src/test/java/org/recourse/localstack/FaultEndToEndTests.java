package org.recourse.localstack;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The short fault suite, on a stack of its own: a few hundred reports submitted
 * continuously while triage, notification and intake are each killed (SIGKILL) and
 * restarted, the broker is killed and kept down a while, and so is the store; then
 * nothing accepted is lost and nothing is done twice ({@link Findings} lists every
 * check). The long run is {@code ./fault-suite} ({@link FaultSuiteRun}).
 */
@Order(1)
class FaultEndToEndTests {

	private static OwnStack own;

	@BeforeAll
	static void startOwnStack() {
		own = OwnStack.start("faults", "--recourse.sla.scan-interval=1s");
	}

	@AfterAll
	static void stopOwnStack() {
		if (own != null) {
			own.close();
		}
	}

	@Test
	void losesNothingAndDoesNothingTwiceWhileEveryProcessCrashesInTurn() {
		FaultScenario scenario = new FaultScenario(own.stack(), 300, 3.0, 3, Duration.ofSeconds(15));
		Findings findings = scenario.run(Duration.ofMinutes(5));
		System.out.println(scenario.summary(findings));

		assertThat(findings.problems()).as(scenario.summary(findings)).isEmpty();
		assertThat(findings.count("receipts issued (201 read by the client)")).as("receipts issued").isGreaterThan(250);
		assertThat(findings.count("escalations (distinct events)")).as("probe cases escalated").isPositive();
		assertThat(findings.count("reporter e-mails received")).as("reporter e-mails").isPositive();
		own.passed();
	}

}
