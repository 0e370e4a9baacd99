package org.recourse.intake.status;

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
 * Adds an update to a report's timeline in one conditional write, so a redelivered update
 * is a no-op.
 */
@Service
class RecordingUpdate {

	private static final Logger logger = LoggerFactory.getLogger(RecordingUpdate.class);

	private final MongoTemplate mongo;

	RecordingUpdate(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	void record(String reportId, TimelineEntry entry) {
		Query notYetRecorded = Query
			.query(Criteria.where("_id").is(reportId).and("timeline.eventId").ne(entry.eventId()));
		long changed = this.mongo.updateFirst(notYetRecorded, new Update().push("timeline", entry), Report.class)
			.getModifiedCount();
		if (changed == 0 && !this.mongo.exists(Query.query(Criteria.where("_id").is(reportId)), Report.class)) {
			throw new IllegalStateException("Update " + entry.eventId() + " is for unknown report " + reportId);
		}
	}

}
