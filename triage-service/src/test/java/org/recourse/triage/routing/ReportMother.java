package org.recourse.triage.routing;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.recourse.events.ReportKind;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.Severity;

/**
 * Reports as intake would publish them. Cases in the flow tests open on Tue 9 June 2026
 * at 09:00 UTC, which is 11:00 in Berlin, the seeded systems' time zone.
 */
final class ReportMother {

	static final Instant OPENED_AT = Instant.parse("2026-06-09T09:00:00Z");

	private ReportMother() {
	}

	static Clock openingClock() {
		return Clock.fixed(OPENED_AT, ZoneOffset.UTC);
	}

	/** A high-severity wrong output of a registered system. */
	static ReportSubmitted reportAbout(String aiSystemId) {
		return ReportSubmitted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(OPENED_AT.minusSeconds(5))
			.setReportId(UUID.randomUUID())
			.setReporterRef("ref-" + UUID.randomUUID())
			.setAiSystemId(aiSystemId)
			.setKind(ReportKind.WRONG_OUTPUT)
			.setSeverity(Severity.HIGH)
			.setAiOutput("The candidate has no degree.")
			.setWhatIsWrong("The CV lists a master's degree.")
			.build();
	}

	/** A report about a system the form did not list, named in free text. */
	static ReportSubmitted reportAboutUnlistedSystem(String name) {
		ReportSubmitted report = reportAbout(null);
		report.setAiSystemName(name);
		return report;
	}

	static String key(ReportSubmitted report) {
		return report.getReportId().toString();
	}

	static byte[] garbage() {
		return "not an event".getBytes(StandardCharsets.UTF_8);
	}

}
