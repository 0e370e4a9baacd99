package org.recourse.triage.conversation;

import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.ReporterMessage;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Adds a reporter's message to its case in one conditional write (no-op when already
 * there). A message for a report that has no case yet fails, so the error handler retries
 * it until routing has caught up.
 */
@Service
public class RecordingReporterMessage {

	private final MongoTemplate mongo;

	RecordingReporterMessage(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public void record(String reportId, ReporterMessage message) {
		Query notYetRecorded = Query
			.query(Criteria.where("reportId").is(reportId).and("conversation.eventId").ne(message.eventId()));
		long changed = this.mongo.updateFirst(notYetRecorded, new Update().push("conversation", message), Case.class)
			.getModifiedCount();
		if (changed == 0 && !this.mongo.exists(Query.query(Criteria.where("reportId").is(reportId)), Case.class)) {
			throw new IllegalStateException("No case yet for report " + reportId);
		}
	}

}
