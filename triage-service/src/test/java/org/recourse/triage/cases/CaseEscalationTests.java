package org.recourse.triage.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.recourse.triage.sla.SlaClock;
import org.recourse.triage.sla.SlaStep;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The case deciding, at explicit instants, what its SLA clocks call for: warnings before
 * a breach, one level up the chain on a breach, again after the interval, never past the
 * top, never while paused, and never a silent de-escalation.
 */
class CaseEscalationTests {

	// Tuesday 9 June 2026, 10:00 in Berlin
	private static final Instant OPENED = Instant.parse("2026-06-09T08:00:00Z");

	private static final Duration INTERVAL = Duration.ofHours(4);

	@Test
	void warnsFifteenMinutesBeforeACriticalCaseMustBeAcknowledged() {
		Case critical = escalatable(CaseMother.criticalCase(OPENED));
		Instant warnAt = OPENED.plus(Duration.ofMinutes(45));
		assertThat(critical.getNextCheckAt()).isEqualTo(warnAt);

		assertThat(critical.checkSla(warnAt.minusSeconds(1), INTERVAL)).isEmpty();
		assertThat(critical.checkSla(warnAt, INTERVAL))
			.containsExactly(new SlaStep.Warning(SlaClock.FIRST_RESPONSE, OPENED.plus(Duration.ofHours(1)), warnAt));
		assertThat(critical.checkSla(warnAt.plusSeconds(60), INTERVAL)).isEmpty();
		assertThat(critical.getNextCheckAt()).isEqualTo(OPENED.plus(Duration.ofHours(1)));
	}

	@Test
	void climbsToTheDeputyOnBreachThenToComplianceAfterTheIntervalAndNoFurther() {
		Case critical = escalatable(CaseMother.criticalCase(OPENED));
		Instant due = OPENED.plus(Duration.ofHours(1));
		critical.checkSla(due.minus(Duration.ofMinutes(15)), INTERVAL);

		assertThat(critical.checkSla(due, INTERVAL))
			.containsExactly(new SlaStep.Escalation(SlaClock.FIRST_RESPONSE, 1, "dan.deputy", due, due));
		assertThat(critical.checkSla(due.plus(INTERVAL).minusSeconds(1), INTERVAL)).isEmpty();
		assertThat(critical.getNextCheckAt()).isEqualTo(due.plus(INTERVAL));
		assertThat(critical.checkSla(due.plus(INTERVAL), INTERVAL))
			.containsExactly(new SlaStep.Escalation(SlaClock.FIRST_RESPONSE, 2, "compliance", due, due.plus(INTERVAL)));
		assertThat(critical.checkSla(due.plus(INTERVAL.multipliedBy(3)), INTERVAL)).isEmpty();

		assertThat(critical.getEscalationLevel()).isEqualTo(2);
		assertThat(critical.getEscalatedTo()).isEqualTo("compliance");
		assertThat(critical.getNextCheckAt()).as("next: the resolution clock's warning")
			.isEqualTo(critical.getResolveBy().minus(Duration.ofMinutes(15)));
		assertThat(critical.getAudit()).filteredOn((entry) -> entry.action().equals("ESCALATE"))
			.extracting(AuditEntry::actor, AuditEntry::reason)
			.containsExactly(
					org.assertj.core.groups.Tuple.tuple("system",
							"First-response clock breached (due " + due + "): escalated to level 1, dan.deputy"),
					org.assertj.core.groups.Tuple.tuple("system",
							"First-response clock breached (due " + due + "): escalated to level 2, compliance"));
	}

	@Test
	void warnsABusinessTimeCaseWhenThreeQuartersOfItsTargetHaveElapsed() {
		// HIGH: acknowledge within 1 business day, by Wed 10:00 Berlin; 6 of its 8
		// working hours have elapsed on Tue 16:00 Berlin
		Case high = escalatable(CaseMother.highSeverityCase(OPENED));
		Instant warnAt = Instant.parse("2026-06-09T14:00:00Z");

		assertThat(high.getNextCheckAt()).isEqualTo(warnAt);
		assertThat(high.checkSla(warnAt.minusSeconds(1), INTERVAL)).isEmpty();
		assertThat(high.checkSla(warnAt, INTERVAL))
			.containsExactly(new SlaStep.Warning(SlaClock.FIRST_RESPONSE, high.getAcknowledgeBy(), warnAt));
	}

	@Test
	void neverWarnsOrEscalatesWhileWaitingForTheReporter() {
		Case high = escalatable(CaseMother.highSeverityCase(OPENED));
		high.acknowledge("alice.owner", OPENED.plusSeconds(60));
		high.ask("alice.owner", "Which candidate?", OPENED.plusSeconds(120));

		assertThat(high.getNextCheckAt()).isNull();
		assertThat(high.checkSla(high.getResolveBy().plus(Duration.ofDays(30)), INTERVAL)).isEmpty();
		assertThat(high.getEscalationLevel()).isZero();
	}

	@Test
	void escalatesForNotResolvedOnceAcknowledged() {
		Case critical = escalatable(CaseMother.criticalCase(OPENED));
		critical.acknowledge("alice.owner", OPENED.plus(Duration.ofMinutes(10)));
		Instant resolveBy = critical.getResolveBy();

		assertThat(critical.getNextCheckAt()).isEqualTo(resolveBy.minus(Duration.ofMinutes(15)));
		assertThat(critical.checkSla(resolveBy, INTERVAL))
			.containsExactly(new SlaStep.Escalation(SlaClock.RESOLUTION, 1, "dan.deputy", resolveBy, resolveBy));
	}

	@Test
	void deescalatesWithAnAuditEntryAndAnEventWhenAcknowledgedAfterAnEscalation() {
		Case critical = escalatable(CaseMother.criticalCase(OPENED));
		Instant due = critical.getAcknowledgeBy();
		critical.checkSla(due, INTERVAL);
		Instant acknowledged = due.plus(Duration.ofMinutes(5));

		critical.acknowledge("alice.owner", acknowledged);

		assertThat(critical.getEscalationLevel()).isZero();
		assertThat(critical.getEscalatedTo()).isNull();
		assertThat(critical.getAudit()).last()
			.satisfies((entry) -> assertThat(entry.action()).isEqualTo("DEESCALATE"))
			.satisfies((entry) -> assertThat(entry.reason())
				.isEqualTo("Acknowledged by alice.owner: no longer escalated (was at level 1, dan.deputy)"));
		assertThat(critical.getNextCheckAt()).as("announced on the next scan").isEqualTo(acknowledged);
		assertThat(critical.checkSla(acknowledged.plusSeconds(30), INTERVAL))
			.containsExactly(new SlaStep.Deescalation(1, "Acknowledged by alice.owner", acknowledged));
		assertThat(critical.checkSla(acknowledged.plusSeconds(60), INTERVAL)).isEmpty();
	}

	@Test
	void escalatesAGovernanceCaseToCompliance() {
		Case governance = CaseMother.governanceCase(OPENED);
		governance.snapshotEscalationChain(List.of("compliance"));

		assertThat(governance.getEscalationChain()).containsExactly("governance", "compliance");
		assertThat(governance.checkSla(governance.getAcknowledgeBy(), INTERVAL)).singleElement()
			.isEqualTo(new SlaStep.Escalation(SlaClock.FIRST_RESPONSE, 1, "compliance", governance.getAcknowledgeBy(),
					governance.getAcknowledgeBy()));
	}

	@Test
	void tellsTheTopOnceMoreWhenAnotherClockBreachesThere() {
		Case critical = escalatable(CaseMother.criticalCase(OPENED));
		critical.checkSla(critical.getAcknowledgeBy(), INTERVAL);
		critical.checkSla(critical.getAcknowledgeBy().plus(INTERVAL), INTERVAL);

		assertThat(critical.checkSla(critical.getResolveBy(), INTERVAL)).containsExactly(new SlaStep.Escalation(
				SlaClock.RESOLUTION, 2, "compliance", critical.getResolveBy(), critical.getResolveBy()));
		assertThat(critical.getNextCheckAt()).isNull();
	}

	@Test
	void stopsCheckingTheClocksOfAResolvedCaseAndLooksAgainOnlyToCloseIt() {
		Case critical = escalatable(CaseMother.criticalCase(OPENED));
		critical.acknowledge("alice.owner", OPENED.plusSeconds(60));
		Instant resolvedAt = OPENED.plusSeconds(120);
		critical.resolve("alice.owner", CaseMother.incorrect(), resolvedAt);

		assertThat(critical.getNextCheckAt()).isEqualTo(resolvedAt.plus(Case.CLOSE_AFTER));
		assertThat(critical.checkSla(critical.getResolveBy(), INTERVAL)).isEmpty();
	}

	@Test
	void closesAResolvedCaseNobodyContestedOnceTheWindowPassed() {
		Case critical = escalatable(CaseMother.criticalCase(OPENED));
		critical.acknowledge("alice.owner", OPENED.plusSeconds(60));
		Instant resolvedAt = OPENED.plusSeconds(120);
		critical.resolve("alice.owner", CaseMother.incorrect(), resolvedAt);

		assertThat(critical.closeIfDue(resolvedAt.plus(Case.CLOSE_AFTER).minusSeconds(1))).isFalse();
		assertThat(critical.closeIfDue(resolvedAt.plus(Case.CLOSE_AFTER))).isTrue();
		assertThat(critical.getState()).isEqualTo(CaseState.CLOSED);
		assertThat(critical.getAudit()).last().extracting(AuditEntry::action).isEqualTo("CLOSE");
		assertThat(critical.getNextCheckAt()).isEqualTo(resolvedAt.plus(Case.CLOSE_AFTER));
	}

	@Test
	void keepsAContestedCaseOpenForTheOwnerToReopen() {
		Case critical = escalatable(CaseMother.criticalCase(OPENED));
		critical.acknowledge("alice.owner", OPENED.plusSeconds(60));
		Instant resolvedAt = OPENED.plusSeconds(120);
		critical.resolve("alice.owner", CaseMother.incorrect(), resolvedAt);
		critical.reporterWrote(CaseMother.contest("contest-1", resolvedAt.plusSeconds(60)), resolvedAt.plusSeconds(60));

		assertThat(critical.getNextCheckAt()).isNull();
		assertThat(critical.closeIfDue(resolvedAt.plus(Case.CLOSE_AFTER.multipliedBy(2)))).isFalse();
		assertThat(critical.getState()).isEqualTo(CaseState.RESOLVED);
	}

	private static Case escalatable(Case opened) {
		opened.snapshotEscalationChain(CaseMother.HR_CHAIN);
		return opened;
	}

}
