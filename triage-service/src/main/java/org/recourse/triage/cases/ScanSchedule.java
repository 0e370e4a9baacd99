package org.recourse.triage.cases;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A lower bound of every case's next check, in one document read by {@code _id}: a
 * scanner tick with nothing due reads only this, however many cases are stored. Every
 * write that sets a case's next check lowers the bound first ({@code $min}, atomic) and
 * counts a generation; the scanner, after a scan, raises it to the earliest next check it
 * found, but only if no writer lowered it meanwhile (same generation), so the bound is
 * never later than a case that is due. The document is created only by the scanner after
 * a full scan; until then, and whenever the bound has come, the scanner scans.
 */
@Component
public class ScanSchedule {

	static final String COLLECTION = "slaSchedule";

	private static final String ID = "cases";

	private final MongoTemplate mongo;

	ScanSchedule(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The bound as it stands, if the scanner ever set one. */
	public Optional<Bound> read() {
		Document found = this.mongo.findById(ID, Document.class, COLLECTION);
		if (found == null) {
			return Optional.empty();
		}
		return Optional
			.of(new Bound(found.getDate("earliest").toInstant(), found.get("generation", Number.class).longValue()));
	}

	void lowerTo(Instant nextCheck) {
		if (nextCheck != null) {
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(ID)),
					new Update().min("earliest", nextCheck).inc("generation", 1), COLLECTION);
		}
	}

	/**
	 * After a scan that read the bound as {@code seen} at {@code now}: the bound becomes
	 * {@code earliest}, unless a writer lowered it since. Without a bound there was no
	 * generation to guard with, so the first one is {@code now}, raised by the next scan.
	 */
	public void raiseTo(Instant earliest, Optional<Bound> seen, Instant now) {
		Update raised = new Update().set("earliest", earliest).inc("generation", 1);
		if (seen.isEmpty()) {
			try {
				this.mongo.insert(new Document("_id", ID).append("earliest", Date.from(now)).append("generation", 0L),
						COLLECTION);
			}
			catch (DuplicateKeyException ex) {
				// a replica's scanner created it first; the next scan raises it
			}
			return;
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(ID).and("generation").is(seen.get().generation())),
				raised, COLLECTION);
	}

	/** No case needs a look before {@code earliest}. */
	public record Bound(Instant earliest, long generation) {

	}

}
