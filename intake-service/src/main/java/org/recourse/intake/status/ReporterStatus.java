package org.recourse.intake.status;

import java.time.Instant;
import java.util.List;

import org.recourse.intake.report.Report;
import org.recourse.intake.report.TimelineEntry;

/**
 * What the holder of a receipt code may see. Nothing here identifies the reporter or the
 * owner.
 */
public record ReporterStatus(Instant submittedAt, String aiSystem, String kind, String severity, String state,
		List<TimelineEntry> timeline) {

	static ReporterStatus of(Report report) {
		List<TimelineEntry> timeline = report.getTimeline()
			.stream()
			.sorted(java.util.Comparator.comparing(TimelineEntry::at))
			.toList();
		String state = timeline.isEmpty() ? "SUBMITTED" : timeline.get(timeline.size() - 1).type();
		String system = (report.getAiSystemId() != null) ? report.getAiSystemId() : report.getAiSystemName();
		return new ReporterStatus(report.getSubmittedAt(), system, report.getKind().getLabel(),
				report.getSeverity().getLabel(), state, timeline);
	}

}
