package org.recourse.events;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Valid events for tests. */
public final class EventMother {

	private EventMother() {
	}

	public static ReportSubmitted reportSubmitted() {
		return ReportSubmitted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setReportId(UUID.randomUUID())
			.setReporterRef("ref-" + UUID.randomUUID())
			.setAiSystemId("hr-assistant")
			.setKind(ReportKind.HARMFUL_OUTPUT)
			.setHarmKind(HarmKind.BIAS)
			.setSeverity(Severity.HIGH)
			.setAiOutput("Candidates over 50 are a poor cultural fit.")
			.setWhatIsWrong("Age discrimination")
			.setEvidenceUrl("https://intranet.example/ticket/1")
			.build();
	}

}
