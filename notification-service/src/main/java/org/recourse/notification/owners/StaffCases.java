package org.recourse.notification.owners;

import java.time.Instant;
import java.util.Optional;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The case facts kept from triage's events. Every write is keyed by case id and safe to
 * repeat: opening only inserts, later events set what they changed.
 */
@Component
class StaffCases {

	private final MongoTemplate mongo;

	StaffCases(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	void opened(CaseFacts facts) {
		Update insertOnly = new Update().setOnInsert("reportId", facts.reportId())
			.setOnInsert("aiSystemId", facts.aiSystemId())
			.setOnInsert("severity", facts.severity())
			.setOnInsert("ownerId", facts.ownerId())
			.setOnInsert("acknowledged", false)
			.setOnInsert("acknowledgeBy", facts.acknowledgeBy())
			.setOnInsert("resolveBy", facts.resolveBy());
		this.mongo.upsert(byId(facts.caseId()), insertOnly, CaseFacts.class);
	}

	Optional<CaseFacts> find(String caseId) {
		return Optional.ofNullable(this.mongo.findById(caseId, CaseFacts.class));
	}

	Optional<CaseFacts> reassigned(String caseId, String toOwnerId) {
		return change(caseId, new Update().set("ownerId", toOwnerId));
	}

	Optional<CaseFacts> acknowledged(String caseId) {
		return change(caseId, new Update().set("acknowledged", true));
	}

	Optional<CaseFacts> clocksMoved(String caseId, Instant acknowledgeBy, Instant resolveBy) {
		return change(caseId, new Update().set("acknowledgeBy", acknowledgeBy).set("resolveBy", resolveBy));
	}

	private Optional<CaseFacts> change(String caseId, Update update) {
		return Optional.ofNullable(this.mongo.findAndModify(byId(caseId), update,
				FindAndModifyOptions.options().returnNew(true), CaseFacts.class));
	}

	private static Query byId(String caseId) {
		return Query.query(Criteria.where("_id").is(caseId));
	}

}
