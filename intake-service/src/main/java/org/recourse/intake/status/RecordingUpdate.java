package org.recourse.intake.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.recourse.intake.report.Report;
import org.recourse.intake.report.TimelineEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Adds an update to a report's timeline in one write that adds it only if absent, so a
 * redelivered update is a no-op. An update dated before Recourse existed or from the
 * future is a broken producer's, not news: it is refused (and so dead-lettered) rather
 * than shown.
 */
@Service
class RecordingUpdate {

	private static final Logger logger = LoggerFactory.getLogger(RecordingUpdate.class);

	private static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");

	private static final Duration CLOCK_SKEW = Duration.ofHours(1);

	private final MongoTemplate mongo;

	private final Clock clock;

	RecordingUpdate(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	void record(String reportId, TimelineEntry entry) {
		if (entry.at().isBefore(EARLIEST) || entry.at().isAfter(this.clock.instant().plus(CLOCK_SKEW))) {
			throw new IllegalArgumentException("Update " + entry.eventId() + " has an impossible time " + entry.at());
		}
		// $addToSet on the whole entry, found by _id alone: a redelivered update is the
		// same
		// entry and changes nothing. A condition on the timeline beside the _id would
		// make
		// the embedded store scan the whole collection for every update.
		long matched = this.mongo
			.updateFirst(Query.query(Criteria.where("_id").is(reportId)), new Update().addToSet("timeline", entry),
					Report.class)
			.getMatchedCount();
		if (matched == 0) {
			throw new IllegalStateException("Update " + entry.eventId() + " is for unknown report " + reportId);
		}
	}

}
