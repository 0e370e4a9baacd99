package org.recourse.intake.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.recourse.intake.report.Report;
import org.recourse.intake.report.TimelineEntry;

/**
 * What the holder of a receipt code may see: the timeline, the owner's open question if
 * any, the outcome, and until when it can be contested. Nothing here identifies the
 * reporter or names the owner.
 */
public record ReporterStatus(String reportId, Instant submittedAt, String aiSystem, String kind, String severity,
		String state, List<TimelineEntry> timeline, TimelineEntry openQuestion, TimelineEntry outcome,
		Instant contestUntil, boolean contestable) {

	/** How long after the outcome the reporter may contest it (DESIGN.md section 4). */
	public static final Duration CONTEST_WINDOW = Duration.ofDays(14);

	static ReporterStatus of(Report report, String system, Clock clock) {
		List<TimelineEntry> timeline = report.getTimeline()
			.stream()
			.sorted(Comparator.comparing(TimelineEntry::at))
			.toList();
		String state = timeline.stream()
			.filter((entry) -> !TimelineEntry.REPORTER_TYPES.contains(entry.type()))
			.reduce((first, second) -> second)
			.map(TimelineEntry::type)
			.orElse("SUBMITTED");
		TimelineEntry question = latest(timeline, TimelineEntry.QUESTION, TimelineEntry.REPLY).orElse(null);
		TimelineEntry outcome = latest(timeline, TimelineEntry.RESOLVED, TimelineEntry.REOPENED).orElse(null);
		Instant contestUntil = (outcome != null) ? outcome.at().plus(CONTEST_WINDOW) : null;
		boolean contested = outcome != null && latest(timeline, TimelineEntry.CONTESTED, TimelineEntry.REOPENED)
			.filter((entry) -> entry.at().isAfter(outcome.at()) || entry.at().equals(outcome.at()))
			.isPresent();
		boolean contestable = outcome != null && !contested && clock.instant().isBefore(contestUntil);
		return new ReporterStatus(report.getId(), report.getSubmittedAt(), system, report.getKind().getLabel(),
				report.getSeverity().getLabel(), state, timeline, question, outcome, contestUntil, contestable);
	}

	/**
	 * The last entry of {@code type}, unless an entry of {@code closedBy} came after it.
	 */
	private static Optional<TimelineEntry> latest(List<TimelineEntry> timeline, String type, String closedBy) {
		for (int i = timeline.size() - 1; i >= 0; i--) {
			String seen = timeline.get(i).type();
			if (seen.equals(closedBy)) {
				return Optional.empty();
			}
			if (seen.equals(type)) {
				return Optional.of(timeline.get(i));
			}
		}
		return Optional.empty();
	}

}
