package org.recourse.triage.cases;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * A few small documents per queue (an owner's, or governance) listing the queue's cases
 * in the working collection with what the queue sorts and filters by, so that showing a
 * queue reads its documents by {@code _id} and then the page's cases by {@code _id}: no
 * query on the cases themselves, which the embedded store would answer by reading every
 * one. A queue's entries are spread over {@link #BUCKETS} documents by case id
 * ({@code <queue>#<bucket>}), so that a write rewrites a sixty-fourth of a long queue,
 * not all of it, and a queue of any realistic length stays far below a document's 16 MB
 * (one document per queue made routing into a queue of 8,000 open cases rewrite 0.5 MB
 * per case). Each entry is set or unset on its own ({@code entries.<caseId>}, atomic)
 * right after the case's write. It is a derived view: a reader checks each case of a page
 * against its entry and repairs what differs, and {@link #rebuild()} (at start-up and
 * periodically) brings back whatever a crash between the two writes lost.
 */
@Component
public class QueueIndex {

	static final String COLLECTION = "caseQueues";

	/** Documents per queue. */
	static final int BUCKETS = 64;

	private final MongoTemplate mongo;

	QueueIndex(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/** The queue a case is in, as the queue's documents are named. */
	static String key(Queue queue, String ownerId) {
		return (queue == Queue.GOVERNANCE) ? "governance" : "owner:" + ownerId;
	}

	static String key(Case found) {
		return key(found.getQueue(), found.getOwnerId());
	}

	/** The document of {@code key}'s queue that holds the entry of {@code caseId}. */
	static String bucket(String key, String caseId) {
		return key + "#" + Math.floorMod(caseId.hashCode(), BUCKETS);
	}

	private static List<String> buckets(String key) {
		return IntStream.range(0, BUCKETS).mapToObj((bucket) -> key + "#" + bucket).toList();
	}

	/** The case as it now is, in the queue it is in (none once closed). */
	public void record(Case found) {
		record(found, null);
	}

	/** The case as it now is; {@code previousKey} is the queue it was in, if another. */
	void record(Case found, String previousKey) {
		if (found.getState() == CaseState.CLOSED) {
			remove(key(found), found.getId());
		}
		else {
			this.mongo.upsert(byId(bucket(key(found), found.getId())),
					new Update().set("entries." + found.getId(), Entry.of(found).toDocument()), COLLECTION);
		}
		if (previousKey != null && !previousKey.equals(key(found))) {
			remove(previousKey, found.getId());
		}
	}

	void remove(String key, String caseId) {
		this.mongo.updateFirst(byId(bucket(key, caseId)), new Update().unset("entries." + caseId), COLLECTION);
	}

	/** The entries of one queue, by case id. */
	Map<String, Entry> entries(String key) {
		Map<String, Entry> entries = new HashMap<>();
		this.mongo.find(Query.query(Criteria.where("_id").in(buckets(key))), Document.class, COLLECTION)
			.forEach((bucket) -> bucket.get("entries", Document.class)
				.forEach((caseId, entry) -> entries.put(caseId, Entry.of(caseId, (Document) entry))));
		return entries;
	}

	/**
	 * Recomputes every queue from the working collection (which holds no closed cases, so
	 * this reads the open work, not the history). Idempotent; an entry a writer sets
	 * meanwhile may be overwritten by an older one, which the next reader of that page
	 * repairs.
	 */
	public void rebuild() {
		Map<String, Document> buckets = new HashMap<>();
		this.mongo.stream(new Query(), Case.class, CaseStore.WORKING)
			.filter((found) -> found.getState() != CaseState.CLOSED)
			.forEach((found) -> buckets.computeIfAbsent(bucket(key(found), found.getId()), (key) -> new Document())
				.put(found.getId(), Entry.of(found).toDocument()));
		Set<String> stale = new HashSet<>(
				this.mongo.findDistinct(new Query(), "_id", COLLECTION, Document.class, String.class));
		buckets.forEach((bucket, entries) -> {
			this.mongo.upsert(byId(bucket), new Update().set("entries", entries), COLLECTION);
			stale.remove(bucket);
		});
		stale.forEach((bucket) -> {
			if (bucket.contains("#")) {
				this.mongo.upsert(byId(bucket), new Update().set("entries", new Document()), COLLECTION);
			}
			else {
				// a whole queue in one document, as stored before the queues were split
				this.mongo.remove(byId(bucket), COLLECTION);
			}
		});
	}

	private static Query byId(String key) {
		return Query.query(Criteria.where("_id").is(key));
	}

	/** What a queue needs to know of one case to filter and order it. */
	record Entry(String caseId, CaseState state, String severity, String system, Instant nextDueAt, Instant openedAt,
			boolean breached, long version) {

		static Entry of(Case found) {
			return new Entry(found.getId(), found.getState(), found.getSeverity().name(),
					found.getReport().aiSystemId(), found.getNextDueAt(), found.getOpenedAt(),
					!found.getBreachedClocks().isEmpty(), (found.getVersion() != null) ? found.getVersion() : 0);
		}

		static Entry of(String caseId, Document entry) {
			Date due = entry.getDate("nextDueAt");
			return new Entry(caseId, CaseState.valueOf(entry.getString("state")), entry.getString("severity"),
					entry.getString("system"), (due != null) ? due.toInstant() : null,
					entry.getDate("openedAt").toInstant(), entry.getBoolean("breached", false),
					entry.get("version", Number.class).longValue());
		}

		Document toDocument() {
			return new Document("state", this.state.name()).append("severity", this.severity)
				.append("system", this.system)
				.append("nextDueAt", (this.nextDueAt != null) ? Date.from(this.nextDueAt) : null)
				.append("openedAt", Date.from(this.openedAt))
				.append("breached", this.breached)
				.append("version", this.version);
		}

	}

}
