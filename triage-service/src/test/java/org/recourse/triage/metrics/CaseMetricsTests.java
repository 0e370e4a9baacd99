package org.recourse.triage.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseResolution;
import org.recourse.triage.cases.Queue;
import org.recourse.triage.cases.ReportDetails;
import org.recourse.triage.registry.AiSystemRepository;
import org.recourse.triage.sla.BusinessCalendar;
import org.recourse.triage.sla.CalendarSnapshot;
import org.recourse.triage.sla.SeriousIncident;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaStep;
import org.recourse.triage.sla.SlaTarget;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

class CaseMetricsTests {

	private static final Instant OPENED = Instant.parse("2026-11-25T10:00:00Z");

	private static final Duration ACKNOWLEDGE = Duration.ofMinutes(30);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final AiSystemRepository systems = mock(AiSystemRepository.class);

	private final CaseMetrics metrics = new CaseMetrics(this.meters, this.systems);

	@BeforeEach
	void registry() {
		given(this.systems.existsById("hr-assistant")).willReturn(true);
	}

	@Test
	void asksTheRegistryOnceForASystemItHasAndEveryTimeForOneItLacks() {
		this.metrics.routed(openedCase("hr-assistant"));
		this.metrics.routed(openedCase("hr-assistant"));
		this.metrics.routed(openedCase("not-yet-registered"));
		given(this.systems.existsById("not-yet-registered")).willReturn(true);
		this.metrics.routed(openedCase("not-yet-registered"));

		then(this.systems).should(times(1)).existsById("hr-assistant");
		then(this.systems).should(times(2)).existsById("not-yet-registered");
		assertThat(this.meters.get("recourse.reports.received").tag("system", "hr-assistant").counter().count())
			.isEqualTo(2);
		assertThat(this.meters.get("recourse.reports.received").tag("system", "unlisted").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.get("recourse.reports.received").tag("system", "not-yet-registered").counter().count())
			.isEqualTo(1);
	}

	@Test
	void countsAnAcknowledgementInTimeAsMet() {
		Case acknowledged = openedCase("hr-assistant");
		acknowledged.acknowledge("alice.owner", OPENED.plus(Duration.ofMinutes(10)));

		this.metrics.acknowledged(acknowledged);

		assertThat(outcomes("first_response", "met")).isEqualTo(1);
		assertThat(outcomes("first_response", "breached")).isZero();
		assertThat(this.meters.get("recourse.case.time.to.acknowledge").timer().count()).isEqualTo(1);
	}

	@Test
	void countsALateAcknowledgementNoScanSawAsOneBreach() {
		Case late = openedCase("hr-assistant");
		late.acknowledge("alice.owner", OPENED.plus(Duration.ofHours(2)));

		this.metrics.acknowledged(late);

		assertThat(outcomes("first_response", "breached")).isEqualTo(1);
	}

	@Test
	void countsABreachOnceWhetherTheScannerOrTheLateAcknowledgementSeesItFirst() {
		Case breached = openedCase("hr-assistant");
		Instant scan = OPENED.plus(Duration.ofHours(1));
		List<SlaStep> steps = breached.checkSla(scan, Duration.ofHours(4));
		this.metrics.slaChecked(breached, Set.of(), steps);
		this.metrics.slaChecked(breached, breached.getBreachedClocks(),
				breached.checkSla(scan.plusSeconds(1), Duration.ofHours(4)));

		breached.acknowledge("alice.owner", scan.plus(Duration.ofMinutes(5)));
		this.metrics.acknowledged(breached);

		assertThat(outcomes("first_response", "breached")).isEqualTo(1);
		assertThat(outcomes("first_response", "met")).isZero();
		assertThat(this.meters.get("recourse.sla.escalations")
			.tags("system", "hr-assistant", "level", "1", "to", "staff")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void countsARegulatoryBreachOnceWhenAFilingDatedInTimeIsRecordedAfterTheScan() {
		Case flagged = openedCase("hr-assistant");
		flagged.acknowledge("alice.owner", OPENED.plusSeconds(30));
		flagged.flagSeriousIncident("casey.compliance", SeriousIncident.DEATH, OPENED, "A patient died",
				OPENED.plusSeconds(60));
		Instant due = flagged.getRegulatoryReportDueAt();
		this.metrics.slaChecked(flagged, Set.of(), flagged.checkSla(due.plusSeconds(1), Duration.ofHours(4)));
		assertThat(outcomes("regulatory", "breached")).isEqualTo(1);

		flagged.regulatoryReportFiled("casey.compliance", "MSA-2026-0042", due.minusSeconds(60), due.plusSeconds(120));
		this.metrics.regulatoryReportFiled(flagged);

		assertThat(outcomes("regulatory", "breached")).isEqualTo(1);
		assertThat(outcomes("regulatory", "met")).isZero();
	}

	@Test
	void countsVerdictsAndAgreementButNotForMandatedAiConcerns() {
		Case wrong = openedCase("hr-assistant");
		wrong.acknowledge("alice.owner", OPENED.plusSeconds(30));
		wrong.resolve("alice.owner", resolution(CaseResolution.Verdict.CORRECT), OPENED.plusSeconds(60));
		Case concern = new Case("case-2", "report-2", "ref-2", Queue.OWNER, "alice.owner", Severity.HIGH,
				details("hr-assistant", "MANDATED_AI_CONCERN"), OPENED, OPENED.plus(ACKNOWLEDGE),
				OPENED.plus(Duration.ofDays(1)), target(), calendar());
		concern.acknowledge("alice.owner", OPENED.plusSeconds(30));
		concern.resolve("alice.owner", resolution(CaseResolution.Verdict.INCORRECT), OPENED.plusSeconds(60));

		this.metrics.resolved(wrong);
		this.metrics.resolved(concern);

		assertThat(this.meters.get("recourse.verdicts").tags("verdict", "correct").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("recourse.verdicts").tags("verdict", "incorrect").counter().count()).isEqualTo(1);
		assertThat(this.meters.get("recourse.verdict.agreement").tags("agreement", "disagreed").counter().count())
			.isEqualTo(1);
		assertThat(this.meters.find("recourse.verdict.agreement").tags("agreement", "agreed").counter()).isNull();
	}

	@Test
	void labelsASystemOutsideTheRegistryUnlisted() {
		this.metrics.routed(openedCase("made-up-system-" + System.nanoTime()));

		assertThat(this.meters.get("recourse.reports.received").tags("system", "unlisted").counter().count())
			.isEqualTo(1);
	}

	@Test
	void preRegistersEverySeriesOfASystemAtZero() {
		this.metrics.preRegister("hr-assistant", List.of("alice.owner", "dan.deputy", "compliance"));

		assertThat(this.meters.get("recourse.sla.outcomes").tags("system", "hr-assistant").counters())
			.as("severities × clocks × met/breached")
			.hasSize(org.recourse.triage.sla.Severity.values().length * org.recourse.triage.sla.SlaClock.values().length
					* 2)
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		assertThat(this.meters.get("recourse.sla.escalations").tags("to", "compliance", "level", "2").counters())
			.as("severities × clocks")
			.hasSize(org.recourse.triage.sla.Severity.values().length
					* org.recourse.triage.sla.SlaClock.values().length);
	}

	private double outcomes(String clock, String outcome) {
		var counter = this.meters.find("recourse.sla.outcomes").tags("clock", clock, "outcome", outcome).counter();
		return (counter != null) ? counter.count() : 0;
	}

	private static Case openedCase(String system) {
		Case opened = new Case("case-1", "report-1", "ref-1", Queue.OWNER, "alice.owner", Severity.HIGH,
				details(system, "WRONG_OUTPUT"), OPENED, OPENED.plus(ACKNOWLEDGE), OPENED.plus(Duration.ofDays(1)),
				target(), calendar());
		opened.snapshotEscalationChain(List.of("alice.owner", "dan.deputy", "compliance"));
		return opened;
	}

	private static ReportDetails details(String system, String kind) {
		return new ReportDetails(system, null, kind, null, "output", "wrong", null, null, null, OPENED);
	}

	private static SlaTarget target() {
		return SlaTarget.calendar(ACKNOWLEDGE, Duration.ofDays(1));
	}

	private static CalendarSnapshot calendar() {
		return CalendarSnapshot.of(BusinessCalendar.officeHours(ZoneId.of("UTC")));
	}

	private static CaseResolution resolution(CaseResolution.Verdict verdict) {
		return new CaseResolution(verdict, CaseResolution.HarmConfirmed.UNCLEAR, "cause",
				CaseResolution.Resolution.MITIGATED, null, "Summary");
	}

}
