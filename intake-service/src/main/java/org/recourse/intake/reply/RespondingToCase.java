package org.recourse.intake.reply;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.recourse.events.outbox.OutboxEvent;
import org.recourse.events.outbox.OutboxRelay;
import org.recourse.intake.report.Report;
import org.recourse.intake.report.ReportEventsOutbox;
import org.recourse.intake.report.ReportRepository;
import org.recourse.intake.report.TimelineEntry;
import org.recourse.intake.status.ReadingStatus;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Answers the owner's open question, or contests the outcome. The reporter's words are
 * added to their timeline and queued for triage in the same single-document write, so an
 * accepted answer cannot be lost.
 */
@Service
public class RespondingToCase {

	private final ReadingStatus reading;

	private final MongoTemplate mongo;

	private final ReportEventsOutbox events;

	private final OutboxRelay relay;

	private final Clock clock;

	private static final int ATTEMPTS = 5;

	private final ReportRepository reports;

	RespondingToCase(ReportRepository reports, ReadingStatus reading, MongoTemplate mongo, ReportEventsOutbox events,
			OutboxRelay relay, Clock clock) {
		this.reports = reports;
		this.reading = reading;
		this.mongo = mongo;
		this.events = events;
		this.relay = relay;
		this.clock = clock;
	}

	public ReporterAction reply(String receiptCode, String message) {
		return this.reading.open(receiptCode)
			.map((report) -> reply(report, message).action())
			.orElse(ReporterAction.NOT_FOUND);
	}

	public ReporterAction contest(String receiptCode, String reason) {
		return this.reading.open(receiptCode)
			.map((report) -> contest(report, reason).action())
			.orElse(ReporterAction.NOT_FOUND);
	}

	/** Answers for a report already opened with its receipt code. */
	public Responded reply(Report report, String message) {
		for (int attempt = 1;; attempt++) {
			if (this.reading.statusOf(report).openQuestion() == null) {
				return new Responded(ReporterAction.NO_OPEN_QUESTION, report);
			}
			String eventId = UUID.randomUUID().toString();
			Instant now = this.clock.instant();
			Report recorded = record(report, new TimelineEntry(eventId, now, TimelineEntry.REPLY, message),
					this.events.replied(report.getId(), eventId, now, message));
			if (recorded != null) {
				return new Responded(ReporterAction.DONE, recorded);
			}
			report = reread(report, attempt);
		}
	}

	/** Contests the outcome of a report already opened with its receipt code. */
	public Responded contest(Report report, String reason) {
		for (int attempt = 1;; attempt++) {
			if (!this.reading.statusOf(report).contestable()) {
				return new Responded(ReporterAction.NOT_CONTESTABLE, report);
			}
			String eventId = UUID.randomUUID().toString();
			Instant now = this.clock.instant();
			Report recorded = record(report, new TimelineEntry(eventId, now, TimelineEntry.CONTESTED, reason),
					this.events.contested(report.getId(), eventId, now, reason));
			if (recorded != null) {
				return new Responded(ReporterAction.CONTESTED, recorded);
			}
			report = reread(report, attempt);
		}
	}

	/**
	 * Adds the entry only if the timeline is still the one the decision was made on
	 * (compare-and-set on its length), so a double-clicked answer or contest is recorded
	 * once: the second sees the first and is refused. Returns the report as written (in
	 * the same round trip), or null when it had changed.
	 */
	private Report record(Report report, TimelineEntry entry, OutboxEvent event) {
		Update update = new Update().push("timeline", entry).push("outbox", event).set("outboxPending", true);
		Query unchanged = Query
			.query(Criteria.where("_id").is(report.getId()).and("timeline").size(report.getTimeline().size()));
		Report recorded = this.mongo.findAndModify(unchanged, update, FindAndModifyOptions.options().returnNew(true),
				Report.class);
		if (recorded != null) {
			this.relay.wake(report.getId(), List.of(event));
		}
		return recorded;
	}

	private Report reread(Report report, int attempt) {
		if (attempt == ATTEMPTS) {
			throw new IllegalStateException("Report " + report.getId() + " keeps changing; giving up this action");
		}
		return this.reports.findById(report.getId()).orElseThrow();
	}

	/**
	 * How an action ended, and the report as it stands after it (so the page shows it
	 * without reading it again).
	 */
	public record Responded(ReporterAction action, Report report) {
	}

}
