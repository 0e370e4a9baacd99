package org.recourse.triage.cases;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * One small document per queue (an owner's, or governance) listing the queue's cases in
 * the working collection with what the queue sorts and filters by, so that showing a
 * queue reads one document by {@code _id} and then the page's cases by {@code _id}: no
 * query on the cases themselves, which the embedded store would answer by reading every
 * one. Each entry is set or unset on its own ({@code entries.<caseId>}, atomic) right
 * after the case's write. It is a derived view: a reader checks each case of a page
 * against its entry and repairs what differs, and {@link #rebuild()} (at start-up and
 * periodically) brings back whatever a crash between the two writes lost.
 */
@Component
public class QueueIndex {

	static final String COLLECTION = "caseQueues";

	private final MongoTemplate mongo;

	QueueIndex(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	static String key(Queue queue, String ownerId) {
		return (queue == Queue.GOVERNANCE) ? "governance" : "owner:" + ownerId;
	}

	static String key(Case found) {
		return key(found.getQueue(), found.getOwnerId());
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
			this.mongo.upsert(byId(key(found)),
					new Update().set("entries." + found.getId(), Entry.of(found).toDocument()), COLLECTION);
		}
		if (previousKey != null && !previousKey.equals(key(found))) {
			remove(previousKey, found.getId());
		}
	}

	void remove(String key, String caseId) {
		this.mongo.updateFirst(byId(key), new Update().unset("entries." + caseId), COLLECTION);
	}

	/** The entries of one queue, by case id. */
	Map<String, Entry> entries(String key) {
		Document queue = this.mongo.findById(key, Document.class, COLLECTION);
		Map<String, Entry> entries = new HashMap<>();
		if (queue != null) {
			queue.get("entries", Document.class)
				.forEach((caseId, entry) -> entries.put(caseId, Entry.of(caseId, (Document) entry)));
		}
		return entries;
	}

	/**
	 * Recomputes every queue from the working collection (which holds no closed cases, so
	 * this reads the open work, not the history). Idempotent; an entry a writer sets
	 * meanwhile may be overwritten by an older one, which the next reader of that page
	 * repairs.
	 */
	public void rebuild() {
		Map<String, Document> queues = new HashMap<>();
		this.mongo.stream(new Query(), Case.class, CaseStore.WORKING)
			.filter((found) -> found.getState() != CaseState.CLOSED)
			.forEach((found) -> queues.computeIfAbsent(key(found), (key) -> new Document())
				.put(found.getId(), Entry.of(found).toDocument()));
		Set<String> stale = new HashSet<>(
				this.mongo.findDistinct(new Query(), "_id", COLLECTION, Document.class, String.class));
		queues.forEach((key, entries) -> {
			this.mongo.upsert(byId(key), new Update().set("entries", entries), COLLECTION);
			stale.remove(key);
		});
		stale.forEach((key) -> this.mongo.upsert(byId(key), new Update().set("entries", new Document()), COLLECTION));
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
