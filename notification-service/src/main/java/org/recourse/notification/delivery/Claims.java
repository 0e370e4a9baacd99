package org.recourse.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Claims one message of a collection for sending, so that of several replicas one sends
 * it: a read by {@code _id}, then a compare-and-set on the message's claim count
 * ({@code <channel>Claims}). Each record declares a unique index on {@code _id} and that
 * count, so the write finds its document through an index on the embedded store too
 * (which scans the whole collection for any other query shape). The count only grows, so
 * a message claimed, sent and finished by another replica since the read is never claimed
 * again. A claim lasts {@code claimFor}; a sender that dies holding one is replaced once
 * it expires.
 */
public final class Claims {

	private final MongoTemplate mongo;

	private final String collection;

	private final String channel;

	/**
	 * Claims on {@code collection} for the fields {@code <channel>Pending},
	 * {@code <channel>ClaimedUntil} and {@code <channel>Claims}.
	 */
	public Claims(MongoTemplate mongo, String collection, String channel) {
		this.mongo = mongo;
		this.collection = collection;
		this.channel = channel;
	}

	/**
	 * The message as it was when claimed, or empty when it is not (or no longer) to send.
	 */
	public Optional<Document> claim(String id, Instant now, Duration claimFor) {
		Document message = this.mongo.findById(id, Document.class, this.collection);
		if (message == null || !Boolean.TRUE.equals(message.get(this.channel + "Pending"))) {
			return Optional.empty();
		}
		Date claimedUntil = message.getDate(this.channel + "ClaimedUntil");
		if (claimedUntil != null && !claimedUntil.toInstant().isBefore(now)) {
			return Optional.empty();
		}
		Query unchanged = Query
			.query(Criteria.where("_id").is(id).and(this.channel + "Claims").is(message.get(this.channel + "Claims")));
		Update claim = new Update().set(this.channel + "ClaimedUntil", now.plus(claimFor))
			.inc(this.channel + "Claims", 1);
		boolean won = this.mongo.updateFirst(unchanged, claim, this.collection).getModifiedCount() == 1;
		return won ? Optional.of(message) : Optional.empty();
	}

}
