package org.recourse.notification.owners;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.recourse.events.outbox.OutboxEvent;
import org.recourse.events.outbox.OutboxRelay;
import org.recourse.notification.delivery.Attempt;
import org.recourse.notification.delivery.Channel;
import org.recourse.notification.delivery.DeliveryOutcomes;
import org.recourse.notification.delivery.DueWork;
import org.recourse.notification.delivery.Leases;
import org.recourse.notification.delivery.Result;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import static org.recourse.notification.owners.StaffNotification.field;

/**
 * The delivery state of staff notices per channel: which are due, a short claim before
 * sending (a conditional write, so two replicas never send the same one at once), and the
 * record of each attempt, written together with its outcome events in the notice's
 * outbox.
 */
@Component
class StaffNotifications {

	static final String COLLECTION = "staff_notifications";

	/**
	 * How many claims were taken and attempts recorded, on any channel; with the _id, the
	 * guard of the next claim, which therefore fails when the notice changed since it was
	 * read.
	 */
	static final String CLAIMS = "claims";

	/**
	 * Due notices read per query (the query scans the collection on the embedded store).
	 */
	static final int BATCH = 100;

	private final MongoTemplate mongo;

	private final DeliveryOutcomes outcomes;

	private final OutboxRelay relay;

	private final StaffNoticeSettings settings;

	/** Per channel, the notices this replica knows to be due (see {@link DueWork}). */
	private final Map<Channel, DueWork> due = new EnumMap<>(Channel.class);

	StaffNotifications(MongoTemplate mongo, DeliveryOutcomes outcomes,
			@Qualifier("staffNotificationsRelay") OutboxRelay relay, StaffNoticeSettings settings) {
		this.mongo = mongo;
		this.outcomes = outcomes;
		this.relay = relay;
		this.settings = settings;
		for (Channel channel : Channel.values()) {
			this.due.put(channel, new DueWork(DueWork.CAPACITY, settings.scanInterval()));
		}
	}

	/**
	 * Stores a new notice; a redelivered cause fails with {@link DuplicateKeyException}.
	 */
	void insert(StaffNotification notification) {
		this.mongo.insert(notification);
		for (Channel channel : Channel.values()) {
			if (notification.dueOn(channel)) {
				this.due.get(channel).add(notification.causeEventId(), notification.createdAt());
			}
		}
	}

	/**
	 * At most {@link #BATCH} notices due on a channel (digest reminders wait for the
	 * digest): those this replica knows of, or what the store says when it is due to be
	 * asked.
	 */
	List<String> due(Channel channel, Instant now) {
		return this.due.get(channel).due(now, BATCH, (limit) -> queryDue(channel, now, limit));
	}

	/** The next poll of {@code channel} asks the store what is due. */
	void scanSoon(Channel channel) {
		this.due.get(channel).scanSoon();
	}

	/** Notices taken from {@link #due} but not tried: their server was away. */
	void putBack(Channel channel, List<String> ids, Instant now) {
		this.due.get(channel).putBack(ids, now);
	}

	private List<DueWork.Due> queryDue(Channel channel, Instant now, int limit) {
		String dueAt = field(channel, "DueAt");
		Criteria due = Criteria.where(field(channel, "Pending")).is(true).and(dueAt).lte(now);
		if (channel == Channel.EMAIL) {
			due = due.and("emailDigest").is(false);
		}
		Query query = Query.query(due).with(Sort.by(dueAt)).limit(limit);
		query.fields().include("_id").include(dueAt);
		return this.mongo.find(query, Document.class, COLLECTION)
			.stream()
			.map((found) -> new DueWork.Due(found.getString("_id"), found.getDate(dueAt).toInstant()))
			.toList();
	}

	/** Reminders waiting for the digest of one recipient, nearest deadline first. */
	List<StaffNotification> digestReminders(String recipient) {
		return this.mongo.find(Query.query(digestCriteria().and("notice.recipient").is(recipient))
			.with(Sort.by("notice.dueAt"))
			.limit(200), StaffNotification.class);
	}

	List<String> digestRecipients() {
		return this.mongo.findDistinct(Query.query(digestCriteria()), "notice.recipient", StaffNotification.class,
				String.class);
	}

	/**
	 * Claims a notice's channel for {@code claimFor}: read by _id, then written only if
	 * neither a claim nor an attempt was recorded meanwhile ({@code _id} + the claim
	 * count, a unique index; {@link #record} counts too), so two replicas never both win
	 * and a replica never sends what another has just finished. A condition on the state
	 * beside the _id would make the embedded store scan the whole collection for every
	 * claim. Never claims the e-mail of a reminder that waits for the digest, whoever
	 * handed its id to the poll: the digest sends it.
	 */
	Optional<StaffNotification> claim(Channel channel, String id, Instant now) {
		Document current = this.mongo.findById(id, Document.class, COLLECTION);
		if (current == null || !Boolean.TRUE.equals(current.getBoolean(field(channel, "Pending")))
				|| (channel == Channel.EMAIL && current.getBoolean("emailDigest", false))
				|| Leases.notYetDue(current.getDate(field(channel, "DueAt")), now)
				|| Leases.claimed(current.getDate(field(channel, "ClaimedUntil")), now)) {
			return Optional.empty();
		}
		Query unclaimed = Query.query(Criteria.where("_id").is(id).and(CLAIMS).is(current.get(CLAIMS)));
		Update claim = new Update().set(field(channel, "ClaimedUntil"), now.plus(this.settings.claimFor()))
			.inc(CLAIMS, 1);
		return Optional.ofNullable(this.mongo.findAndModify(unclaimed, claim,
				FindAndModifyOptions.options().returnNew(true), StaffNotification.class));
	}

	/**
	 * Records one attempt: done when sent or given up, otherwise due again after an
	 * exponential backoff. Does not count it: a digest is one message for many notices.
	 */
	void record(StaffNotification notification, Attempt attempt, Instant now) {
		Channel channel = attempt.channel();
		List<OutboxEvent> events = this.outcomes.events(attempt, now);
		Update update = new Update().set(field(channel, "Attempts"), attempt.number())
			.unset(field(channel, "ClaimedUntil"))
			.inc(CLAIMS, 1)
			.set("outboxPending", true)
			.push("outbox")
			.each(events.toArray());
		Instant next = (attempt.result() == Result.FAILED) ? now.plus(backoff(attempt.number())) : null;
		if (next != null) {
			update.set(field(channel, "DueAt"), next);
		}
		else {
			update.set(field(channel, "Pending"), false).set(field(channel, "Outcome"), attempt.result().name());
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(notification.causeEventId())), update,
				StaffNotification.class);
		this.relay.wake(notification.causeEventId(), events);
		if (next != null && notification.dueOn(channel)) {
			this.due.get(channel).add(notification.causeEventId(), next);
		}
	}

	boolean givesUp(Channel channel, int attempt) {
		return attempt >= ((channel == Channel.EMAIL) ? this.settings.maxAttempts()
				: this.settings.webhookMaxAttempts());
	}

	private Duration backoff(int attempts) {
		Duration backoff = this.settings.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
		return (backoff.compareTo(this.settings.maxBackoff()) > 0) ? this.settings.maxBackoff() : backoff;
	}

	private static Criteria digestCriteria() {
		return Criteria.where("emailPending").is(true).and("emailDigest").is(true);
	}

}
