package org.recourse.triage.routing;

import java.time.Clock;

import org.recourse.events.OutcomeContested;
import org.recourse.events.ReportKind;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.ReporterReplied;
import org.recourse.events.deadletter.EventChecks;
import org.recourse.triage.cases.ReportDetails;
import org.recourse.triage.cases.ReporterMessage;
import org.recourse.triage.sla.Severity;

/**
 * Maps between the routing events and routing's own types, refusing values no intake
 * could have sent: a time before 2020 or from the future, a message longer than the
 * reporter's forms accept.
 */
final class RoutingMessages {

	/** The most a reporter may write in a reply or a contest (intake's forms and API). */
	static final int MAX_REPORTER_TEXT = 5000;

	private RoutingMessages() {
	}

	static IncomingReport incoming(ReportSubmitted event, Clock clock) {
		EventChecks.happened("ReportSubmitted.occurredAt", event.getOccurredAt(), clock);
		ReportDetails details = new ReportDetails(event.getAiSystemId(), event.getAiSystemName(),
				event.getKind().name(), (event.getHarmKind() != null) ? event.getHarmKind().name() : null,
				event.getAiOutput(), event.getWhatIsWrong(), event.getExpected(), event.getHappenedAt(),
				event.getEvidenceUrl(), event.getOccurredAt());
		return new IncomingReport(event.getReportId().toString(), event.getReporterRef(),
				Severity.valueOf(event.getSeverity().name()), event.getKind() == ReportKind.MANDATED_AI_CONCERN,
				details);
	}

	static ReporterMessage reply(ReporterReplied event, Clock clock) {
		return new ReporterMessage(event.getEventId().toString(),
				EventChecks.happened("ReporterReplied.occurredAt", event.getOccurredAt(), clock),
				ReporterMessage.Kind.REPLY,
				EventChecks.text("ReporterReplied.message", event.getMessage(), MAX_REPORTER_TEXT));
	}

	static ReporterMessage contest(OutcomeContested event, Clock clock) {
		return new ReporterMessage(event.getEventId().toString(),
				EventChecks.happened("OutcomeContested.occurredAt", event.getOccurredAt(), clock),
				ReporterMessage.Kind.CONTEST,
				EventChecks.text("OutcomeContested.reason", event.getReason(), MAX_REPORTER_TEXT));
	}

}
