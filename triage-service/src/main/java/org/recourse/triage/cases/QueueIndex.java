package org.recourse.triage.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

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
 * periodically) brings back whatever a crash between the two writes lost, without undoing
 * what writers record while it runs.
 */
@Component
public class QueueIndex {

	static final String COLLECTION = "caseQueues";

	/** Documents per queue. */
	static final int BUCKETS = 64;

	/** Cases per round trip while rebuilding. */
	private static final int REBUILD_BATCH = 500;

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
	 * Brings every queue back in line with the working collection (which holds no closed
	 * cases, so this reads the open work, not the history), writing only what differs:
	 * reads the queues' documents first, then the open cases, sets each entry that is
	 * missing or older than its case, and unsets each entry whose case it did not meet.
	 * Writers go on meanwhile, so each write is guarded by the entry's version: a set
	 * never replaces an entry a writer recorded from a newer version of its case, and an
	 * unset removes an entry only while it is still the one read first (a case routed
	 * after that read has no entry then, so it is never removed). An entry set for a case
	 * that closed or moved meanwhile is left for the next reader of its page to repair,
	 * as any stale entry is. Idempotent.
	 * @return how many entries it set or removed
	 */
	public int rebuild() {
		Map<String, Map<String, Entry>> indexed = new HashMap<>();
		List<String> unsplit = new ArrayList<>();
		try (Stream<Document> buckets = this.mongo.stream(new Query().cursorBatchSize(BUCKETS), Document.class,
				COLLECTION)) {
			buckets.forEach((bucket) -> {
				String id = bucket.getString("_id");
				if (!id.contains("#")) {
					unsplit.add(id);
					return;
				}
				Map<String, Entry> entries = new HashMap<>();
				Document stored = bucket.get("entries", Document.class);
				if (stored != null) {
					stored.forEach((caseId, entry) -> entries.put(caseId, Entry.of(caseId, (Document) entry)));
				}
				indexed.put(id, entries);
			});
		}
		int[] repaired = { 0 };
		try (Stream<Case> open = this.mongo.stream(openWork(), Case.class, CaseStore.WORKING)) {
			open.filter((found) -> found.getState() != CaseState.CLOSED).forEach((found) -> {
				String bucket = bucket(key(found), found.getId());
				Map<String, Entry> entries = indexed.get(bucket);
				Entry current = Entry.of(found);
				Entry recorded = (entries != null) ? entries.remove(found.getId()) : null;
				if (!current.equals(recorded)) {
					repaired[0] += setUnlessNewer(bucket, current, entries != null);
				}
			});
		}
		indexed.forEach((bucket, unmet) -> unmet.values().forEach((entry) -> {
			Query unchanged = byId(bucket)
				.addCriteria(Criteria.where("entries." + entry.caseId() + ".version").is(entry.version()));
			repaired[0] += (int) this.mongo
				.updateFirst(unchanged, new Update().unset("entries." + entry.caseId()), COLLECTION)
				.getModifiedCount();
		}));
		// whole queues in one document each, as stored before the queues were split
		unsplit.forEach((bucket) -> this.mongo.remove(byId(bucket), COLLECTION));
		return repaired[0];
	}

	/**
	 * The working collection, read a few hundred cases at a time and only what an entry
	 * is made of: the whole cases (texts, audit trail, conversation), fetched in the
	 * driver's large batches, took triage's 256 MiB heap to an OutOfMemoryError with
	 * ~30,000 cases open.
	 */
	private static Query openWork() {
		Query query = new Query().cursorBatchSize(REBUILD_BATCH);
		query.fields()
			.include("queue", "ownerId", "state", "severity", "report.aiSystemId", "openedAt", "acknowledgeBy",
					"resolveBy", "acknowledgedAt", "sla", "version");
		return query;
	}

	private int setUnlessNewer(String bucket, Entry entry, boolean bucketStored) {
		if (!bucketStored) {
			this.mongo.upsert(byId(bucket), new Update().setOnInsert("entries", new Document()), COLLECTION);
		}
		String path = "entries." + entry.caseId();
		Query missingOrOlder = byId(bucket).addCriteria(new Criteria().orOperator(Criteria.where(path).exists(false),
				Criteria.where(path + ".version").lte(entry.version())));
		return (int) this.mongo.updateFirst(missingOrOlder, new Update().set(path, entry.toDocument()), COLLECTION)
			.getModifiedCount();
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
