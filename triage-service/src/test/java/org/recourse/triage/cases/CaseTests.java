package org.recourse.triage.cases;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The case's own rules: clocks that pause for the reporter, reopening only after a
 * contest, the audit trail.
 */
class CaseTests {

	// Tuesday 9 June 2026, 10:00 in Berlin
	private static final Instant OPENED = Instant.parse("2026-06-09T08:00:00Z");

	@Test
	void pausesTheClocksWhileWaitingForTheReporterAndMovesTheDeadlineByTheWorkingTimeOfThePause() {
		Case found = CaseMother.highSeverityCase(OPENED);
		Instant resolveBy = found.getResolveBy();
		found.acknowledge("alice.owner", OPENED.plusSeconds(600));
		// asked Tuesday 16:00 Berlin, answered Wednesday 10:00: 1 h + 1 h of working time
		// paused
		found.ask("alice.owner", "Which candidate?", Instant.parse("2026-06-09T14:00:00Z"));
		assertThat(found.getState()).isEqualTo(CaseState.WAITING_FOR_REPORTER);

		boolean resumed = found.reporterWrote(CaseMother.reply("e1", Instant.parse("2026-06-10T08:00:00Z")),
				Instant.parse("2026-06-10T08:00:00Z"));

		assertThat(resumed).isTrue();
		assertThat(found.getState()).isEqualTo(CaseState.IN_PROGRESS);
		assertThat(found.getPausedAt()).isNull();
		assertThat(found.getResolveBy())
			.isEqualTo(CaseMother.BERLIN.plusWorkingTime(resolveBy, java.time.Duration.ofHours(2)));
	}

	@Test
	void leavesTheDeadlinesAloneWhenTheReporterWritesWithoutBeingAsked() {
		Case found = CaseMother.highSeverityCase(OPENED);
		found.acknowledge("alice.owner", OPENED);
		Instant resolveBy = found.getResolveBy();

		assertThat(found.reporterWrote(CaseMother.reply("e1", OPENED.plusSeconds(60)), OPENED.plusSeconds(60)))
			.isFalse();
		assertThat(found.getResolveBy()).isEqualTo(resolveBy);
		assertThat(found.getState()).isEqualTo(CaseState.ACKNOWLEDGED);
	}

	@Test
	void reopensOnlyAfterTheReporterContestedTheOutcomeAndRestartsTheResolutionClock() {
		Case found = CaseMother.highSeverityCase(OPENED);
		found.acknowledge("alice.owner", OPENED);
		Instant resolvedAt = OPENED.plusSeconds(3600);
		found.resolve("alice.owner", CaseMother.incorrect(), resolvedAt);
		assertThatExceptionOfType(TransitionRefusedException.class)
			.isThrownBy(() -> found.reopen("alice.owner", "second look", resolvedAt.plusSeconds(60)))
			.withMessageContaining("when the reporter contests");

		Instant contested = resolvedAt.plusSeconds(120);
		found.reporterWrote(CaseMother.contest("e2", contested), contested);
		found.reopen("alice.owner", "The reporter disagrees", contested.plusSeconds(60));

		assertThat(found.getState()).isEqualTo(CaseState.REOPENED);
		assertThat(found.getResolvedAt()).isNull();
		assertThat(found.getResolveBy())
			.isEqualTo(CaseMother.BERLIN.plusBusinessTime(contested.plusSeconds(60), java.time.Duration.ofDays(10)));
	}

	@Test
	void recordsEveryStepInTheAuditTrailWithActorAndStates() {
		Case found = CaseMother.highSeverityCase(OPENED);
		found.acknowledge("alice.owner", OPENED);
		found.reassign("alice.owner", "bob.owner", "Bob owns the screening rules", OPENED.plusSeconds(60));

		assertThat(found.getAudit())
			.extracting(AuditEntry::action, AuditEntry::actor, AuditEntry::fromState, AuditEntry::toState)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("ROUTE", "system", "NEW", "ROUTED"),
					org.assertj.core.groups.Tuple.tuple("ACKNOWLEDGE", "alice.owner", "ROUTED", "ACKNOWLEDGED"),
					org.assertj.core.groups.Tuple.tuple("REASSIGN", "alice.owner", "ACKNOWLEDGED", "ACKNOWLEDGED"));
		assertThat(found.getOwnerId()).isEqualTo("bob.owner");
		assertThat(found.getAudit()).allSatisfy((entry) -> assertThat(entry.toString()).doesNotContain("ref-1"));
	}

	@Test
	void refusesToReassignACaseToItsOwnOwner() {
		Case found = CaseMother.highSeverityCase(OPENED);
		assertThatExceptionOfType(TransitionRefusedException.class)
			.isThrownBy(() -> found.reassign("alice.owner", "alice.owner", "no", OPENED))
			.withMessageContaining("already with alice.owner");
	}

}
