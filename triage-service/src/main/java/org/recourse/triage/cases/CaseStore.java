package org.recourse.triage.cases;

import java.util.List;
import java.util.Optional;

import org.bson.Document;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Where cases live. The working collection ({@value #WORKING}) holds every case that is
 * not closed; closed cases, which are most of them and never change again but for a late
 * message from the reporter, move to the archive ({@value #ARCHIVE}). So the work (the
 * queues, the scanner, the outbox relay) reads a collection whose size follows the open
 * cases, not the history, even on the embedded store that ignores non-unique indexes.
 *
 * <p>
 * No transactions: the move is a copy then a delete, both idempotent, so a crash in
 * between leaves the case in both places and the next scan finishes the move. Lookups
 * read the working collection first, then the archive, then the working collection again,
 * so a case moving at that moment is still found. Writes are targeted updates guarded by
 * {@code _id} and version (a unique index on the pair lets the embedded store use an
 * index for them too), and every write that sets a next check lowers the scanner's
 * {@link ScanSchedule}.
 */
@Service
public class CaseStore {

	/** The collection of cases that are not closed. */
	public static final String WORKING = "cases";

	/** The collection of closed cases. */
	public static final String ARCHIVE = "closedCases";

	private final MongoTemplate mongo;

	private final ScanSchedule schedule;

	CaseStore(MongoTemplate mongo, ScanSchedule schedule) {
		this.mongo = mongo;
		this.schedule = schedule;
		declareArchiveIndexes(mongo);
	}

	/**
	 * The indexes of the archive, which has no mapped class of its own (the working
	 * collection's are declared on {@link Case}).
	 */
	public static void declareArchiveIndexes(MongoTemplate mongo) {
		mongo.indexOps(ARCHIVE).createIndex(new Index("reportId", Sort.Direction.ASC).unique());
		mongo.indexOps(ARCHIVE).createIndex(new Index("audit.at", Sort.Direction.ASC));
	}

	public Optional<Case> findById(String caseId) {
		return find(Query.query(Criteria.where("_id").is(caseId)));
	}

	public Optional<Case> findByReportId(String reportId) {
		return find(Query.query(Criteria.where("reportId").is(reportId)));
	}

	private Optional<Case> find(Query query) {
		for (String collection : List.of(WORKING, ARCHIVE, WORKING)) {
			Case found = this.mongo.findOne(query, Case.class, collection);
			if (found != null) {
				found.storedIn(collection);
				return Optional.of(found);
			}
		}
		return Optional.empty();
	}

	/** Cases of the working collection by id, in no particular order. */
	List<Case> workingCases(List<String> caseIds) {
		return this.mongo.find(Query.query(Criteria.where("_id").in(caseIds)), Case.class, WORKING);
	}

	/**
	 * The working cases in {@code states} escalated to {@code staffId}, not their own
	 * (index {@code escalated_to} on {@link Case}).
	 */
	List<Case> escalatedTo(String staffId, List<CaseState> states) {
		return this.mongo.find(Query
			.query(Criteria.where("sla.escalatedTo").is(staffId).and("state").in(states).and("ownerId").ne(staffId)),
				Case.class, WORKING);
	}

	/** A new case; throws {@link DuplicateKeyException} if its report has one already. */
	public void insert(Case opened) {
		this.schedule.lowerTo(opened.getNextCheckAt());
		this.mongo.insert(opened, WORKING);
	}

	/**
	 * Writes what changed on {@code changed} since it was read (see {@link CaseChanges})
	 * if nobody else changed it meanwhile; returns whether it did. The case's version
	 * moves on with the write.
	 */
	public boolean save(CaseChanges changes) {
		Case changed = changes.changed();
		this.schedule.lowerTo(changed.getNextCheckAt());
		Update update = changes.update(this.mongo.getConverter());
		Query unchanged = Query
			.query(Criteria.where("_id").is(changed.getId()).and("version").is(changed.getVersion()));
		if (this.mongo.updateFirst(unchanged, update, changed.storedIn()).getModifiedCount() != 1) {
			return false;
		}
		changed.saved();
		return true;
	}

	/**
	 * Moves a closed case to the archive once its outbox is empty; returns whether the
	 * case is now only in the archive. Idempotent: an earlier copy is replaced only by a
	 * newer one, and the delete names the version that was copied.
	 */
	public boolean archive(String caseId) {
		Document working = this.mongo.findById(caseId, Document.class, WORKING);
		if (working == null) {
			return true;
		}
		if (!CaseState.CLOSED.name().equals(working.getString("state"))
				|| !working.getList("outbox", Document.class, List.of()).isEmpty()) {
			return false;
		}
		copyToArchive(working);
		Query copied = Query.query(Criteria.where("_id").is(caseId).and("version").is(working.get("version")));
		return this.mongo.remove(copied, WORKING).getDeletedCount() == 1;
	}

	private void copyToArchive(Document working) {
		try {
			this.mongo.insert(working, ARCHIVE);
		}
		catch (DuplicateKeyException ex) {
			Document archived = this.mongo.findById(working.get("_id"), Document.class, ARCHIVE);
			if (archived != null
					&& ((Number) archived.get("version")).longValue() < ((Number) working.get("version")).longValue()) {
				this.mongo.findAndReplace(Query.query(Criteria.where("_id").is(working.get("_id"))), working, ARCHIVE);
			}
		}
	}

}
