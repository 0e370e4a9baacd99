package org.recourse.triage.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.recourse.events.ReportKind;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.Severity;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseResolution;
import org.recourse.triage.cases.Queue;
import org.recourse.triage.cases.ReportDetails;
import org.recourse.triage.sla.BusinessCalendar;
import org.recourse.triage.sla.CalendarSnapshot;
import org.recourse.triage.sla.SlaPolicy;
import org.recourse.triage.sla.SlaTarget;

/**
 * Critical reports and cases about the seeded HR assistant (owner alice.owner, deputy
 * dan.deputy, then compliance), and a clock the tests move. Time starts on Tue 9 June
 * 2026 at 09:00 UTC.
 */
final class EscalationMother {

	static final Instant START = Instant.parse("2026-06-09T09:00:00Z");

	private EscalationMother() {
	}

	static Clock movableClock() {
		return new MovableClock(START);
	}

	static ReportSubmitted criticalReport() {
		return ReportSubmitted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(START)
			.setReportId(UUID.randomUUID())
			.setReporterRef("ref-" + UUID.randomUUID())
			.setAiSystemId("hr-assistant")
			.setKind(ReportKind.WRONG_OUTPUT)
			.setSeverity(Severity.CRITICAL)
			.setAiOutput("Reject: candidate is over 50.")
			.setWhatIsWrong("Age is not a criterion.")
			.build();
	}

	/**
	 * A critical case as routing opens it, opened two hours before {@code now}: breached.
	 */
	static Case overdueCriticalCase(Instant now) {
		Instant openedAt = now.minus(Duration.ofHours(2));
		SlaPolicy policy = SlaPolicy.standard();
		BusinessCalendar calendar = BusinessCalendar.officeHours(ZoneId.of("Europe/Berlin"));
		SlaTarget target = policy.targetFor(org.recourse.triage.sla.Severity.CRITICAL, false);
		SlaPolicy.Deadlines deadlines = policy.deadlines(openedAt, org.recourse.triage.sla.Severity.CRITICAL, false,
				calendar);
		return new Case(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "ref-" + UUID.randomUUID(),
				Queue.OWNER, "alice.owner", org.recourse.triage.sla.Severity.CRITICAL,
				new ReportDetails("hr-assistant", null, "WRONG_OUTPUT", null, "output", "wrong", null, null, null,
						openedAt),
				openedAt, deadlines.acknowledgeBy(), deadlines.resolveBy(), target, CalendarSnapshot.of(calendar));
	}

	/**
	 * A critical case acknowledged and resolved at {@code resolvedAt} (opened two hours
	 * before), with the seeded chain: it closes {@link Case#CLOSE_AFTER} later unless
	 * contested.
	 */
	static Case resolvedCase(Instant resolvedAt) {
		Case resolved = overdueCriticalCase(resolvedAt);
		resolved.snapshotEscalationChain(List.of("alice.owner", "dan.deputy", "compliance"));
		resolved.acknowledge("alice.owner", resolvedAt.minus(Duration.ofHours(1)));
		resolved.resolve(
				"alice.owner", new CaseResolution(CaseResolution.Verdict.INCORRECT, CaseResolution.HarmConfirmed.YES,
						"Training data", CaseResolution.Resolution.FIXED, null, "We fixed the screening rules."),
				resolvedAt);
		return resolved;
	}

	/** A clock that stands still until a test moves it. */
	static final class MovableClock extends Clock {

		private volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		void set(Instant now) {
			this.now = now;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return Clock.fixed(this.now, zone);
		}

	}

}
