package org.recourse.notification.mail;

import java.time.Instant;
import java.util.Optional;

import org.bson.Document;
import org.recourse.notification.delivery.Leases;

import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The claim a replica takes on a reporter update before mailing it, and the write that
 * records an attempt. Both count in {@link #CLAIMS}: a claim reads the update by _id and
 * writes only if the count is still what it read ({@code _id} + the count, a unique
 * index), so two replicas never both win, and a replica never sends what another has just
 * finished (its claim lapsed during a slow send). A condition on the state beside the _id
 * would make the embedded store scan the whole collection for every claim.
 */
@Component
class UpdateClaims {

	/**
	 * How many claims were taken and attempts recorded; with the _id, the guard of the
	 * next claim.
	 */
	static final String CLAIMS = "mailClaims";

	private final MongoTemplate mongo;

	private final MailSettings settings;

	UpdateClaims(MongoTemplate mongo, MailSettings settings) {
		this.mongo = mongo;
		this.settings = settings;
	}

	/** The update, claimed for {@code claimFor}; empty when it is not to be sent now. */
	Optional<Document> claim(String id, Instant now) {
		Document current = this.mongo.findById(id, Document.class, ReporterMailer.COLLECTION);
		if (current == null || !Boolean.TRUE.equals(current.getBoolean("mailPending"))
				|| Leases.notYetDue(current.getDate("mailDueAt"), now)
				|| Leases.claimed(current.getDate("mailClaimedUntil"), now)) {
			return Optional.empty();
		}
		Query unclaimed = Query.query(Criteria.where("_id").is(id).and(CLAIMS).is(current.get(CLAIMS)));
		Update claim = new Update().set("mailClaimedUntil", now.plus(this.settings.claimFor())).inc(CLAIMS, 1);
		return Optional.ofNullable(this.mongo.findAndModify(unclaimed, claim,
				FindAndModifyOptions.options().returnNew(true), Document.class, ReporterMailer.COLLECTION));
	}

	/** Writes an attempt's state ({@code update}), ending the claim. */
	void record(String id, Update update) {
		update.unset("mailClaimedUntil").inc(CLAIMS, 1);
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, ReporterMailer.COLLECTION);
	}

}
