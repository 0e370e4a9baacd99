package org.recourse.triage.routing;

import org.recourse.events.ReportKind;
import org.recourse.events.ReportSubmitted;
import org.recourse.triage.cases.ReportDetails;
import org.recourse.triage.sla.Severity;

/** Maps between the routing events and routing's own types. */
final class RoutingMessages {

	private RoutingMessages() {
	}

	static IncomingReport incoming(ReportSubmitted event) {
		ReportDetails details = new ReportDetails(event.getAiSystemId(), event.getAiSystemName(),
				event.getKind().name(), (event.getHarmKind() != null) ? event.getHarmKind().name() : null,
				event.getAiOutput(), event.getWhatIsWrong(), event.getExpected(), event.getHappenedAt(),
				event.getEvidenceUrl(), event.getOccurredAt());
		return new IncomingReport(event.getReportId().toString(), event.getReporterRef(),
				Severity.valueOf(event.getSeverity().name()), event.getKind() == ReportKind.MANDATED_AI_CONCERN,
				details);
	}

}
