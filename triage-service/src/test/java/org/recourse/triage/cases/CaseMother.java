package org.recourse.triage.cases;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import org.recourse.triage.sla.BusinessCalendar;
import org.recourse.triage.sla.CalendarSnapshot;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaPolicy;
import org.recourse.triage.sla.SlaTarget;

/** Cases as routing opens them, on a Berlin office-hours calendar. */
final class CaseMother {

	static final BusinessCalendar BERLIN = BusinessCalendar.officeHours(ZoneId.of("Europe/Berlin"));

	private CaseMother() {
	}

	/** A high-severity case (1 / 10 business days) opened at {@code openedAt}. */
	static Case highSeverityCase(Instant openedAt) {
		SlaTarget target = SlaPolicy.standard().targetFor(Severity.HIGH, false);
		SlaPolicy.Deadlines deadlines = SlaPolicy.standard().deadlines(openedAt, Severity.HIGH, false, BERLIN);
		return new Case("case-1", "report-1", "ref-1", Queue.OWNER, "alice.owner", Severity.HIGH,
				new ReportDetails("hr-assistant", null, "WRONG_OUTPUT", null, "output", "wrong", null, null, null,
						openedAt),
				openedAt, deadlines.acknowledgeBy(), deadlines.resolveBy(), target, CalendarSnapshot.of(BERLIN));
	}

	/** A high-severity case of its own (fresh ids) for {@code owner}. */
	static Case highSeverityCaseOf(String owner, Instant openedAt) {
		SlaTarget target = SlaPolicy.standard().targetFor(Severity.HIGH, false);
		SlaPolicy.Deadlines deadlines = SlaPolicy.standard().deadlines(openedAt, Severity.HIGH, false, BERLIN);
		return new Case(UUID.randomUUID().toString(), UUID.randomUUID().toString(), "ref-" + UUID.randomUUID(),
				Queue.OWNER, owner, Severity.HIGH,
				new ReportDetails("hr-assistant", null, "WRONG_OUTPUT", null, "output", "wrong", null, null, null,
						openedAt),
				openedAt, deadlines.acknowledgeBy(), deadlines.resolveBy(), target, CalendarSnapshot.of(BERLIN));
	}

	/** A critical case (1 h / 2 days, 24×7) opened at {@code openedAt}. */
	static Case criticalCase(Instant openedAt) {
		SlaTarget target = SlaPolicy.standard().targetFor(Severity.CRITICAL, false);
		SlaPolicy.Deadlines deadlines = SlaPolicy.standard().deadlines(openedAt, Severity.CRITICAL, false, BERLIN);
		return new Case("case-2", "report-2", "ref-2", Queue.OWNER, "alice.owner", Severity.CRITICAL,
				new ReportDetails("hr-assistant", null, "HARMFUL_OUTPUT", "BIAS", "output", "biased", null, null, null,
						openedAt),
				openedAt, deadlines.acknowledgeBy(), deadlines.resolveBy(), target, CalendarSnapshot.of(BERLIN));
	}

	/** A critical case nobody owns, waiting in the governance queue. */
	static Case governanceCase(Instant openedAt) {
		SlaTarget target = SlaPolicy.standard().targetFor(Severity.CRITICAL, false);
		SlaPolicy.Deadlines deadlines = SlaPolicy.standard().deadlines(openedAt, Severity.CRITICAL, false, BERLIN);
		return new Case("case-3", "report-3", "ref-3", Queue.GOVERNANCE, null, Severity.CRITICAL,
				new ReportDetails(null, "Vendor bot", "WRONG_OUTPUT", null, "output", "wrong", null, null, null,
						openedAt),
				openedAt, deadlines.acknowledgeBy(), deadlines.resolveBy(), target, CalendarSnapshot.of(BERLIN));
	}

	static final List<String> HR_CHAIN = List.of("alice.owner", "dan.deputy", "compliance");

	static ReporterMessage reply(String eventId, Instant at) {
		return new ReporterMessage(eventId, at, ReporterMessage.Kind.REPLY, "Here is the answer");
	}

	static ReporterMessage contest(String eventId, Instant at) {
		return new ReporterMessage(eventId, at, ReporterMessage.Kind.CONTEST, "I disagree");
	}

	static CaseResolution incorrect() {
		return new CaseResolution(CaseResolution.Verdict.INCORRECT, CaseResolution.HarmConfirmed.YES, "training data",
				CaseResolution.Resolution.FIXED, null, "We fixed the screening rules.");
	}

}
