package org.recourse.triage.cases;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.recourse.triage.sla.Severity;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The read side of the queues, shared by the owner pages and the REST API: one owner's
 * (or the governance queue's) cases, filtered, nearest deadline first, a page at a time.
 */
@Service
public class OwnerQueue {

	/** The most cases one page may hold. */
	public static final int MAX_PAGE = 100;

	/** How deep paging may go; queues are worked from the top. */
	public static final int MAX_OFFSET = 10_000;

	static final List<CaseState> OPEN_STATES = Arrays.stream(CaseState.values()).filter(CaseLifecycle::isOpen).toList();

	/**
	 * An owner's open cases are few, so they are sorted here, by the deadline they must
	 * meet next (not a stored field the embedded store could not index anyway).
	 */
	private static final Comparator<Case> NEAREST_DEADLINE_FIRST = Comparator
		.comparing(Case::getNextDueAt, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(Case::getOpenedAt);

	private final CaseRepository cases;

	private final MongoTemplate mongo;

	OwnerQueue(CaseRepository cases, MongoTemplate mongo) {
		this.cases = cases;
		this.mongo = mongo;
	}

	/**
	 * The cases matching {@code filter}, nearest deadline first, page {@code page} of
	 * {@code size}; the caller checks the bounds ({@link #MAX_PAGE},
	 * {@link #MAX_OFFSET}).
	 */
	public QueuePage find(QueueFilter filter, int page, int size) {
		Criteria matching = (filter.queue() == Queue.GOVERNANCE) ? Criteria.where("queue").is(Queue.GOVERNANCE)
				: Criteria.where("ownerId").is(filter.owner());
		matching = (filter.state() != null) ? matching.and("state").is(filter.state())
				: matching.and("state").in(OPEN_STATES);
		if (filter.severity() != null) {
			matching = matching.and("severity").is(filter.severity());
		}
		if (filter.system() != null) {
			matching = matching.and("report.aiSystemId").is(filter.system());
		}
		List<Case> found = this.mongo.find(Query.query(matching), Case.class)
			.stream()
			.filter((candidate) -> filter.breached() == null
					|| filter.breached() != candidate.getBreachedClocks().isEmpty())
			.sorted(NEAREST_DEADLINE_FIRST)
			.toList();
		return new QueuePage(found.stream().skip((long) page * size).limit(size).toList(), found.size());
	}

	/**
	 * The open cases escalated to {@code staffId} as deputy (not their own), nearest
	 * deadline first.
	 */
	public List<Case> escalatedTo(String staffId) {
		Query escalated = Query.query(
				Criteria.where("sla.escalatedTo").is(staffId).and("state").in(OPEN_STATES).and("ownerId").ne(staffId));
		return this.mongo.find(escalated, Case.class).stream().sorted(NEAREST_DEADLINE_FIRST).toList();
	}

	/** One case by id, whoever it belongs to: callers check who may see it. */
	public Optional<Case> one(String caseId) {
		return this.cases.findById(caseId);
	}

	/**
	 * Which cases to list: the owner's queue ({@code owner} required) or the governance
	 * queue; open cases unless {@code state} names one; the other filters when not
	 * {@code null}.
	 */
	public record QueueFilter(Queue queue, String owner, CaseState state, Severity severity, String system,
			Boolean breached) {

		public static QueueFilter ownedBy(String owner) {
			return new QueueFilter(Queue.OWNER, owner, null, null, null, null);
		}

	}

	/** One page of a queue and how many cases match in all. */
	public record QueuePage(List<Case> cases, long total) {

	}

}
