package org.recourse.triage.cases;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.recourse.triage.sla.Severity;

import org.springframework.stereotype.Service;

/**
 * The read side of the queues, shared by the owner pages and the REST API: one owner's
 * (or the governance queue's) cases, filtered, nearest deadline first, a page at a time.
 * Closed cases are in the archive and never listed; {@code state} may name any other
 * state.
 */
@Service
public class OwnerQueue {

	/** The most cases one page may hold. */
	public static final int MAX_PAGE = 100;

	/** How deep paging may go; queues are worked from the top. */
	public static final int MAX_OFFSET = 10_000;

	/**
	 * Why {@code state=CLOSED} lists nothing: closed cases are archived, read one at a
	 * time, and their trail is in the audit export.
	 */
	public static final String CLOSED_NOT_LISTED = "Closed cases are not listed in a queue: they are archived. "
			+ "Open one by its id (GET /api/v1/cases/{id} or the case page), or export the audit trail of a time "
			+ "range (GET /api/v1/audit, compliance).";

	static final List<CaseState> OPEN_STATES = Arrays.stream(CaseState.values()).filter(CaseLifecycle::isOpen).toList();

	/** The states a queue can be filtered by: every one but {@code CLOSED}. */
	static final List<CaseState> LISTABLE_STATES = Arrays.stream(CaseState.values())
		.filter((state) -> state != CaseState.CLOSED)
		.toList();

	private static final Comparator<QueueIndex.Entry> NEAREST_DEADLINE_FIRST = Comparator
		.comparing(QueueIndex.Entry::nextDueAt, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(QueueIndex.Entry::openedAt)
		.thenComparing(QueueIndex.Entry::caseId);

	private final CaseStore cases;

	private final QueueIndex index;

	OwnerQueue(CaseStore cases, QueueIndex index) {
		this.cases = cases;
		this.index = index;
	}

	/**
	 * The cases matching {@code filter}, nearest deadline first, page {@code page} of
	 * {@code size}; the caller checks the bounds ({@link #MAX_PAGE}, {@link #MAX_OFFSET})
	 * and refuses {@code CLOSED} ({@link #CLOSED_NOT_LISTED}). Reads the queue's
	 * {@link QueueIndex} document and the page's cases, all by {@code _id}; a case that
	 * changed without its entry following (a crash between the two writes) is left out of
	 * this page and its entry repaired.
	 */
	public QueuePage find(QueueFilter filter, int page, int size) {
		String key = QueueIndex.key(filter.queue(), filter.owner());
		List<QueueIndex.Entry> matching = this.index.entries(key)
			.values()
			.stream()
			.filter((entry) -> matches(entry, filter))
			.sorted(NEAREST_DEADLINE_FIRST)
			.toList();
		List<QueueIndex.Entry> wanted = matching.stream().skip((long) page * size).limit(size).toList();
		if (wanted.isEmpty()) {
			return new QueuePage(List.of(), matching.size());
		}
		Map<String, Case> loaded = this.cases.workingCases(wanted.stream().map(QueueIndex.Entry::caseId).toList())
			.stream()
			.collect(Collectors.toMap(Case::getId, Function.identity()));
		List<Case> shown = new ArrayList<>();
		for (QueueIndex.Entry entry : wanted) {
			Case found = loaded.get(entry.caseId());
			if (found == null) {
				this.index.remove(key, entry.caseId());
			}
			else if (!Objects.equals(found.getVersion(), entry.version())) {
				this.index.record(found, key);
			}
			else {
				shown.add(found);
			}
		}
		return new QueuePage(shown, matching.size());
	}

	/**
	 * The open cases escalated to {@code staffId} as deputy (not their own), nearest
	 * deadline first. Escalated cases are few and all in the working collection.
	 */
	public List<Case> escalatedTo(String staffId) {
		return this.cases.escalatedTo(staffId, OPEN_STATES)
			.stream()
			.sorted(Comparator.comparing(Case::getNextDueAt, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(Case::getOpenedAt))
			.toList();
	}

	private static boolean matches(QueueIndex.Entry entry, QueueFilter filter) {
		return ((filter.state() != null) ? entry.state() == filter.state() : OPEN_STATES.contains(entry.state()))
				&& (filter.severity() == null || filter.severity().name().equals(entry.severity()))
				&& (filter.system() == null || filter.system().equals(entry.system()))
				&& (filter.breached() == null || filter.breached() == entry.breached());
	}

	/**
	 * One case by id, whoever it belongs to (open or closed): callers check who may see
	 * it.
	 */
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
