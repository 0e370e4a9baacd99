package org.recourse.notification.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.mongodb.client.result.UpdateResult;
import org.bson.Document;
import org.recourse.notification.delivery.DueWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A reporter's contact and the updates to mail them travel on different topics, so an
 * update can be due before its contact is stored (the contact listener of a restarted
 * replica takes its partitions a little later, say). Such an update is finished as
 * {@code NO_CONTACT}, like one for a reporter who left no address, and remembered here by
 * report id; when the contact arrives, its remembered updates are due again. Both sides
 * look again after writing (the mailer at the vault, the contact's arrival here), so
 * whichever comes second sees the other. Reporters without an address cost one small
 * write per update, nothing more.
 */
@Component
public class LateContacts {

	static final String COLLECTION = "late_contacts";

	private static final Duration KEEP = Duration.ofDays(1);

	private static final Logger logger = LoggerFactory.getLogger(LateContacts.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final DueWork mailDue;

	LateContacts(MongoTemplate mongo, Clock clock, @Qualifier("reporterMailDue") DueWork mailDue) {
		this.mongo = mongo;
		this.clock = clock;
		this.mailDue = mailDue;
		// the hourly purge's question
		mongo.indexOps(COLLECTION).createIndex(new Index("since", Sort.Direction.ASC).named("purge_due"));
	}

	/** An update of {@code reportId} found no contact to mail. */
	void remember(String reportId, String updateId) {
		this.mongo.upsert(byId(reportId),
				new Update().addToSet("updateIds", updateId).setOnInsert("since", this.clock.instant()), COLLECTION);
	}

	/**
	 * The contact of {@code reportId} is stored: every update of it that found no contact
	 * is due again.
	 */
	public void contactArrived(String reportId) {
		Document waiting = this.mongo.findById(reportId, Document.class, COLLECTION);
		if (waiting == null) {
			return;
		}
		List<String> updates = waiting.getList("updateIds", String.class, List.of());
		updates.forEach(this::dueAgain);
		// only what was handled: an update remembered meanwhile (another mailer thread
		// found no contact just before it was stored) stays, for that thread's own check
		this.mongo.updateFirst(byId(reportId), new Update().pullAll("updateIds", updates.toArray()), COLLECTION);
		this.mongo.remove(byId(reportId).addCriteria(Criteria.where("updateIds").size(0)), COLLECTION);
		logger.info("The contact for report {} arrived after {} of its updates; they will be mailed", reportId,
				updates.size());
	}

	/**
	 * Makes an update finished for want of a contact due again, once: read by _id,
	 * written under its claim count (a claim or another reopening meanwhile makes it
	 * fail, see {@link UpdateClaims}).
	 */
	private void dueAgain(String updateId) {
		Document update = this.mongo.findById(updateId, Document.class, ReporterMailer.COLLECTION);
		if (update == null || !"NO_CONTACT".equals(update.getString("mailOutcome"))) {
			return;
		}
		Instant now = this.clock.instant();
		UpdateResult reopened = this.mongo.updateFirst(Query
			.query(Criteria.where("_id").is(updateId).and(UpdateClaims.CLAIMS).is(update.get(UpdateClaims.CLAIMS))),
				new Update().set("mailPending", true)
					.set("mailDueAt", now)
					.unset("mailOutcome")
					.unset("mailFinishedAt")
					.inc(UpdateClaims.CLAIMS, 1),
				ReporterMailer.COLLECTION);
		if (reopened.getModifiedCount() > 0) {
			this.mailDue.add(updateId, now);
		}
	}

	/**
	 * Forgets what waited longer than a day: a contact that late is not coming (most of
	 * these are reporters who left no address).
	 */
	@Scheduled(fixedDelayString = "${recourse.mail.late-contacts-purge-interval:1h}", initialDelayString = "1m")
	void forgetOld() {
		this.mongo.remove(Query.query(Criteria.where("since").lt(this.clock.instant().minus(KEEP))), COLLECTION);
	}

	private static Query byId(String reportId) {
		return Query.query(Criteria.where("_id").is(reportId));
	}

}
