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
				OPENED.plusSeconds(120));
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
		flagged.flagSeriousIncident("alice.owner", SeriousIncident.DEATH, OPENED, OPENED.plusSeconds(120));
		Instant resolvedAt = OPENED.plus(Duration.ofDays(1));
		flagged.resolve("alice.owner", CaseMother.incorrect(), resolvedAt);

		assertThat(flagged.closeIfDue(resolvedAt.plus(Case.CLOSE_AFTER))).isFalse();
		flagged.regulatoryReportFiled("casey.compliance", resolvedAt.plus(Duration.ofDays(3)));

		assertThat(flagged.getNextCheckAt()).isEqualTo(resolvedAt.plus(Case.CLOSE_AFTER));
		assertThat(flagged.closeIfDue(resolvedAt.plus(Case.CLOSE_AFTER))).isTrue();
	}

	@Test
	void refusesToFlagTwiceOrToFileAReportForAnUnflaggedCase() {
		Case flagged = escalatable(CaseMother.highSeverityCase(OPENED));
		assertThatThrownBy(() -> flagged.regulatoryReportFiled("casey.compliance", OPENED))
			.isInstanceOf(TransitionRefusedException.class);
		flagged.flagSeriousIncident("alice.owner", SeriousIncident.DEATH, OPENED, OPENED);

		assertThatThrownBy(() -> flagged.flagSeriousIncident("alice.owner", SeriousIncident.DEATH, OPENED, OPENED))
			.isInstanceOf(TransitionRefusedException.class);
	}

	@Test
	void asksForAnUpdateEveryCadenceAndCountsAgainFromTheOwnersLastUpdate() {
		Case critical = escalatable(CaseMother.criticalCase(OPENED));
		Case withCadence = new Case(critical.getId(), critical.getReportId(), critical.getReporterRef(),
				critical.getQueue(), critical.getOwnerId(), critical.getSeverity(), critical.getReport(), OPENED,
				critical.getAcknowledgeBy(), OPENED.plus(Duration.ofDays(30)),
				critical.getSlaTarget().withUpdateCadence(Duration.ofHours(8)), critical.getCalendar());
		withCadence.snapshotEscalationChain(CaseMother.HR_CHAIN);
		withCadence.acknowledge("alice.owner", OPENED.plusSeconds(60));

		Instant due = OPENED.plusSeconds(60).plus(Duration.ofHours(8));
		assertThat(withCadence.getNextCheckAt()).isEqualTo(due.minus(Duration.ofHours(2)));
		assertThat(withCadence.checkSla(due.minus(Duration.ofHours(2)), INTERVAL)).singleElement()
			.isInstanceOfSatisfying(SlaStep.Warning.class,
					(warning) -> assertThat(warning.clock()).isEqualTo(SlaClock.UPDATE_CADENCE));

		withCadence.recordProgress("alice.owner", "Reproduced it", due.minus(Duration.ofHours(1)));
		assertThat(withCadence.getNextCheckAt()).isEqualTo(due.plus(Duration.ofHours(5)));
		assertThat(withCadence.checkSla(due, INTERVAL)).isEmpty();
	}

	private static Case escalatable(Case opened) {
		opened.snapshotEscalationChain(CaseMother.HR_CHAIN);
		return opened;
	}

}
