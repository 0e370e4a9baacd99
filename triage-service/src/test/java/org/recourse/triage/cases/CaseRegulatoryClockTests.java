package org.recourse.triage.cases;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.recourse.triage.sla.SeriousIncident;
import org.recourse.triage.sla.SlaClock;
import org.recourse.triage.sla.SlaStep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * DESIGN.md section 5: the regulatory clock of a potential serious incident runs beside
 * the others in calendar time and never pauses; the update cadence asks for an owner's
 * update at least every so often while the case is open.
 */
class CaseRegulatoryClockTests {

	// Tuesday 11:00 in Berlin
	private static final Instant OPENED = Instant.parse("2026-06-09T09:00:00Z");

	private static final Duration INTERVAL = Duration.ofHours(4);

	@Test
	void keepsTheRegulatoryClockRunningWhileWaitingForTheReporter() {
		Case flagged = escalatable(CaseMother.highSeverityCase(OPENED));
		flagged.acknowledge("alice.owner", OPENED.plusSeconds(60));
		flagged.flagSeriousIncident("alice.owner", SeriousIncident.WIDESPREAD_INFRINGEMENT, OPENED,
				"Every account was shown the same wrong figure", OPENED.plusSeconds(120));
		flagged.ask("alice.owner", "Which accounts?", OPENED.plusSeconds(180));
		Instant due = OPENED.plus(Duration.ofDays(2));

		assertThat(flagged.getRegulatoryReportDueAt()).isEqualTo(due);
		assertThat(flagged.getNextCheckAt()).isEqualTo(due.minus(Duration.ofHours(12)));
		assertThat(flagged.checkSla(due.minus(Duration.ofHours(12)), INTERVAL)).singleElement()
			.isInstanceOfSatisfying(SlaStep.Warning.class,
					(warning) -> assertThat(warning.clock()).isEqualTo(SlaClock.REGULATORY));
		assertThat(flagged.checkSla(due, INTERVAL)).singleElement()
			.isInstanceOfSatisfying(SlaStep.Escalation.class,
					(escalation) -> assertThat(escalation.clock()).isEqualTo(SlaClock.REGULATORY));
	}

	@Test
	void keepsAResolvedCaseOpenUntilItsRegulatoryReportIsFiled() {
		Case flagged = escalatable(CaseMother.highSeverityCase(OPENED));
		flagged.acknowledge("alice.owner", OPENED.plusSeconds(60));
		flagged.flagSeriousIncident("alice.owner", SeriousIncident.DEATH, OPENED, "A patient died",
				OPENED.plusSeconds(120));
		Instant resolvedAt = OPENED.plus(Duration.ofDays(1));
		flagged.resolve("alice.owner", CaseMother.incorrect(), resolvedAt);

		assertThat(flagged.closeIfDue(resolvedAt.plus(Case.CLOSE_AFTER))).isFalse();
		flagged.regulatoryReportFiled("casey.compliance", "MSA-2026-0042", resolvedAt.plus(Duration.ofDays(3)),
				resolvedAt.plus(Duration.ofDays(3)));

		assertThat(flagged.getNextCheckAt()).isEqualTo(resolvedAt.plus(Case.CLOSE_AFTER));
		assertThat(flagged.closeIfDue(resolvedAt.plus(Case.CLOSE_AFTER))).isTrue();
	}

	@Test
	void refusesToFlagTwiceOrToFileAReportForAnUnflaggedCase() {
		Case flagged = escalatable(CaseMother.highSeverityCase(OPENED));
		assertThatThrownBy(() -> flagged.regulatoryReportFiled("casey.compliance", "MSA-1", OPENED, OPENED))
			.isInstanceOf(TransitionRefusedException.class)
			.hasMessageContaining("flag it first");
		flagged.flagSeriousIncident("alice.owner", SeriousIncident.DEATH, OPENED, "A patient died", OPENED);

		assertThatThrownBy(
				() -> flagged.flagSeriousIncident("alice.owner", SeriousIncident.DEATH, OPENED, "again", OPENED))
			.isInstanceOf(TransitionRefusedException.class)
			.hasMessageContaining("already flagged");
		flagged.regulatoryReportFiled("casey.compliance", "MSA-1", OPENED, OPENED);
		assertThatThrownBy(() -> flagged.regulatoryReportFiled("casey.compliance", "MSA-2", OPENED, OPENED))
			.isInstanceOf(TransitionRefusedException.class)
			.hasMessageContaining("already recorded (MSA-1)");
	}

	@Test
	void bringsDownAnEscalationOnlyTheRegulatoryClockKeptUpWhenTheReportIsFiled() {
		Case flagged = escalatable(CaseMother.highSeverityCase(OPENED));
		flagged.acknowledge("alice.owner", OPENED.plusSeconds(60));
		flagged.flagSeriousIncident("alice.owner", SeriousIncident.WIDESPREAD_INFRINGEMENT, OPENED,
				"Every account was shown the same wrong figure", OPENED.plusSeconds(120));
		Instant due = OPENED.plus(Duration.ofDays(2));
		flagged.checkSla(due, INTERVAL);
		assertThat(flagged.getEscalatedTo()).isEqualTo("dan.deputy");

		flagged.regulatoryReportFiled("casey.compliance", "MSA-2026-0042", due.plusSeconds(60), due.plusSeconds(60));

		assertThat(flagged.getEscalationLevel()).isZero();
		assertThat(flagged.getAudit()).extracting(AuditEntry::action)
			.endsWith("ESCALATE", "FILE_REGULATORY_REPORT", "DEESCALATE");
		assertThat(flagged.getAudit().get(flagged.getAudit().size() - 2).reason()).contains("after the due time " + due)
			.contains("MSA-2026-0042");
	}

	@Test
	void keepsTheEscalationWhenAnotherClockIsStillOverdue() {
		Case flagged = escalatable(CaseMother.criticalCase(OPENED));
		flagged.flagSeriousIncident("alice.owner", SeriousIncident.OTHER_SERIOUS_INCIDENT, OPENED, "Unsafe advice",
				OPENED.plusSeconds(60));
		flagged.checkSla(OPENED.plus(Duration.ofHours(2)), INTERVAL);
		assertThat(flagged.getEscalationLevel()).isEqualTo(1);

		flagged.regulatoryReportFiled("casey.compliance", "MSA-7", OPENED.plus(Duration.ofHours(3)),
				OPENED.plus(Duration.ofHours(3)));

		assertThat(flagged.getEscalationLevel()).isEqualTo(1);
		assertThat(flagged.getRegulatoryReportedAt()).isEqualTo(OPENED.plus(Duration.ofHours(3)));
	}

	@Test
	void holdsBackTheClosingOfAResolvedCaseFlaggedAfterItsResolution() {
		Case resolved = escalatable(CaseMother.highSeverityCase(OPENED));
		resolved.acknowledge("alice.owner", OPENED.plusSeconds(60));
		Instant resolvedAt = OPENED.plus(Duration.ofDays(1));
		resolved.resolve("alice.owner", CaseMother.incorrect(), resolvedAt);
		assertThat(resolved.getNextCheckAt()).isEqualTo(resolvedAt.plus(Case.CLOSE_AFTER));

		resolved.flagSeriousIncident("casey.compliance", SeriousIncident.OTHER_SERIOUS_INCIDENT, resolvedAt,
				"Found in the review", resolvedAt.plus(Duration.ofDays(2)));

		assertThat(resolved.getState()).isEqualTo(CaseState.RESOLVED);
		assertThat(resolved.getNextCheckAt()).isEqualTo(SeriousIncident.OTHER_SERIOUS_INCIDENT.warnAt(resolvedAt));
		assertThat(resolved.closeIfDue(resolvedAt.plus(Case.CLOSE_AFTER))).isFalse();
	}

	@Test
	void asksForAnUpdateEveryCadenceAndCountsAgainFromTheOwnersLastUpdate() {
		Case withCadence = acknowledgedWithAnEightHourCadence();

		Instant due = OPENED.plusSeconds(60).plus(Duration.ofHours(8));
		assertThat(withCadence.getNextCheckAt()).isEqualTo(due.minus(Duration.ofHours(2)));
		assertThat(withCadence.checkSla(due.minus(Duration.ofHours(2)), INTERVAL)).singleElement()
			.isInstanceOfSatisfying(SlaStep.Warning.class,
					(warning) -> assertThat(warning.clock()).isEqualTo(SlaClock.UPDATE_CADENCE));

		withCadence.recordProgress("alice.owner", "Reproduced it", due.minus(Duration.ofHours(1)));
		assertThat(withCadence.getNextCheckAt()).isEqualTo(due.plus(Duration.ofHours(5)));
		assertThat(withCadence.checkSla(due, INTERVAL)).isEmpty();
	}

	@Test
	void keepsTheOwnersUpdateCadenceRunningThroughTheRegulatoryTrack() {
		Case withCadence = acknowledgedWithAnEightHourCadence();
		Instant due = OPENED.plusSeconds(60).plus(Duration.ofHours(8));

		withCadence.flagSeriousIncident("casey.compliance", SeriousIncident.WIDESPREAD_INFRINGEMENT,
				due.minus(Duration.ofHours(3)), "Every account was shown the same wrong figure",
				due.minus(Duration.ofHours(3)));
		withCadence.regulatoryReportFiled("casey.compliance", "MSA-2026-0042", due.minus(Duration.ofHours(1)),
				due.minus(Duration.ofHours(1)));

		assertThat(withCadence.checkSla(due, INTERVAL)).filteredOn(SlaStep.Escalation.class::isInstance)
			.singleElement()
			.satisfies((escalation) -> assertThat(((SlaStep.Escalation) escalation).clock())
				.isEqualTo(SlaClock.UPDATE_CADENCE));
	}

	/** A critical case acknowledged a minute after opening, resolution due in 30 days. */
	private static Case acknowledgedWithAnEightHourCadence() {
		Case critical = escalatable(CaseMother.criticalCase(OPENED));
		Case withCadence = new Case(critical.getId(), critical.getReportId(), critical.getReporterRef(),
				critical.getQueue(), critical.getOwnerId(), critical.getSeverity(), critical.getReport(), OPENED,
				critical.getAcknowledgeBy(), OPENED.plus(Duration.ofDays(30)),
				critical.getSlaTarget().withUpdateCadence(Duration.ofHours(8)), critical.getCalendar());
		withCadence.snapshotEscalationChain(CaseMother.HR_CHAIN);
		withCadence.acknowledge("alice.owner", OPENED.plusSeconds(60));
		return withCadence;
	}

	private static Case escalatable(Case opened) {
		opened.snapshotEscalationChain(CaseMother.HR_CHAIN);
		return opened;
	}

}
