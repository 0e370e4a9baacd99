package org.recourse.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The deliveries this replica stored or rescheduled itself, with the time each is due, so
 * a delivery poll finds its work in memory instead of querying its collection every few
 * seconds. That query matches on state and due time, which the embedded store answers by
 * reading the whole collection (every delivery ever made), and its cost grew with the
 * history while the platform sat idle.
 * <p>
 * The store stays the truth: each id handed out here is claimed by reading it again by
 * _id, so a stale entry (sent meanwhile, rescheduled, claimed by another replica) costs
 * one read and nothing else. The collection is still queried: at the first poll after a
 * start, every {@code scanInterval} (another replica's work after it crashed, a claim
 * that lapsed), after entries were dropped because more than {@code capacity} waited, and
 * once the work a full answer brought is done. An answer (up to {@code refill}
 * deliveries, earliest due first) refills the memory rather than being the batch itself,
 * so that after a burst one query serves many batches, and it replaces the entries it
 * makes redundant: each handed over before the query began and due before the last
 * delivery of the answer (or due at all, when the answer was not full) was in the answer,
 * unless it was no longer pending. Without that, each delivery of a burst was tried
 * twice, once from each.
 */
public final class DueWork {

	/**
	 * How many entries a poll keeps by default (some 100 bytes each): hours of a burst's
	 * e-mails at the pace a mail server takes them.
	 */
	public static final int CAPACITY = 20_000;

	/** How many due deliveries one query asks for by default. */
	public static final int REFILL = 1_000;

	private final int capacity;

	private final int refill;

	private final long scanIntervalNanos;

	private final LongSupplier nanoTime;

	private final PriorityQueue<Entry> waiting = new PriorityQueue<>(
			Comparator.comparing(Entry::dueAt).thenComparingLong(Entry::sequence));

	private long sequence;

	private boolean scanSoon = true;

	/** The last answer was full: the store holds more due work than it gave. */
	private boolean more;

	private long nextScanNanos;

	public DueWork(int capacity, Duration scanInterval) {
		this(capacity, REFILL, scanInterval, System::nanoTime);
	}

	DueWork(int capacity, int refill, Duration scanInterval, LongSupplier nanoTime) {
		this.capacity = capacity;
		this.refill = refill;
		this.scanIntervalNanos = scanInterval.toNanos();
		this.nanoTime = nanoTime;
	}

	/**
	 * Delivery {@code id} was stored, or rescheduled, due at {@code dueAt}. When more
	 * than the capacity wait, it is not kept and the next poll queries the store.
	 */
	public synchronized void add(String id, Instant dueAt) {
		if (this.waiting.size() >= this.capacity) {
			this.scanSoon = true;
			return;
		}
		this.waiting.add(new Entry(id, dueAt, this.sequence++));
	}

	/** Deliveries taken from {@link #due} but not tried (their server was away). */
	public void putBack(List<String> ids, Instant dueAt) {
		ids.forEach((id) -> add(id, dueAt));
	}

	/**
	 * At most {@code batch} ids of deliveries due at {@code now}, earliest first, from
	 * memory; refilled first from {@code query} when the store is due to be asked.
	 * @param query the store's own answer: at most the given number of deliveries due at
	 * {@code now}, earliest due first
	 */
	public List<String> due(Instant now, int batch, IntFunction<List<Due>> query) {
		if (queryNow()) {
			refill(now, query);
		}
		List<String> due = take(now, batch);
		if (due.isEmpty() && moreInStore()) {
			refill(now, query);
			due = take(now, batch);
		}
		return due;
	}

	/** The next poll queries the store (e.g. work was taken but not tried). */
	public synchronized void scanSoon() {
		this.scanSoon = true;
	}

	synchronized int waiting() {
		return this.waiting.size();
	}

	private void refill(Instant now, IntFunction<List<Due>> query) {
		long before;
		synchronized (this) {
			before = this.sequence;
		}
		List<Due> found;
		try {
			found = query.apply(this.refill);
		}
		catch (RuntimeException ex) {
			scanSoon();
			throw ex;
		}
		boolean full = found.size() >= this.refill;
		Instant seenUpTo = full ? found.get(found.size() - 1).dueAt() : null;
		Set<String> answered = found.stream().map(Due::id).collect(Collectors.toSet());
		synchronized (this) {
			this.waiting.removeIf((entry) -> entry.sequence() < before && (answered.contains(entry.id())
					|| (full ? entry.dueAt().isBefore(seenUpTo) : !entry.dueAt().isAfter(now))));
			this.more = full;
			// beyond the capacity if need be (by one answer at most): entries not yet due
			// filling the memory must not keep out the work the store says is due now
			found.forEach((delivery) -> this.waiting.add(new Entry(delivery.id(), delivery.dueAt(), this.sequence++)));
		}
	}

	private synchronized boolean queryNow() {
		long now = this.nanoTime.getAsLong();
		if (!this.scanSoon && now - this.nextScanNanos < 0) {
			return false;
		}
		this.scanSoon = false;
		this.nextScanNanos = now + this.scanIntervalNanos;
		return true;
	}

	private synchronized boolean moreInStore() {
		return this.more;
	}

	private synchronized List<String> take(Instant now, int batch) {
		List<String> due = new ArrayList<>();
		while (due.size() < batch && !this.waiting.isEmpty() && !this.waiting.peek().dueAt().isAfter(now)) {
			due.add(this.waiting.poll().id());
		}
		return due;
	}

	/** A delivery the store says is due, and when. */
	public record Due(String id, Instant dueAt) {

	}

	private record Entry(String id, Instant dueAt, long sequence) {
	}

}
