package org.recourse.intake.status;

import java.time.Clock;

import org.recourse.events.deadletter.EventChecks;
import org.recourse.events.deadletter.UnprocessableEventException;
import org.recourse.intake.report.Report;
import org.recourse.intake.report.TimelineEntry;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Adds an update to a report's timeline in one write that adds it only if absent, so a
 * redelivered update is a no-op. An update dated before Recourse existed or from the
 * future, longer than any update notification composes, or for a report intake never
 * stored is a broken producer's, not news: it is refused (and so dead-lettered at once)
 * rather than shown.
 */
@Service
class RecordingUpdate {

	/**
	 * Twice the longest text an owner may write (a question or a resolution summary,
	 * 5,000 characters in triage), to leave room for the words around it.
	 */
	static final int MAX_MESSAGE = 10_000;

	private final MongoTemplate mongo;

	private final Clock clock;

	RecordingUpdate(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	void record(String reportId, TimelineEntry entry) {
		EventChecks.happened("ReporterUpdate.occurredAt", entry.at(), this.clock);
		EventChecks.text("ReporterUpdate.message", entry.message(), MAX_MESSAGE);
		// $addToSet on the whole entry, found by _id alone: a redelivered update is the
		// same entry and changes nothing. A condition on the timeline beside the _id
		// would make the embedded store scan the whole collection for every update.
		long matched = this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(reportId)), new Update().addToSet("timeline", entry),
					Report.class)
			.getMatchedCount();
		if (matched == 0) {
			throw new UnprocessableEventException(
					"ReporterUpdate " + entry.eventId() + " is for unknown report " + reportId);
		}
	}

}
