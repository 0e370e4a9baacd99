package org.recourse.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

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
 * as long as the last query returned a full batch.
 */
public final class DueWork {

	/**
	 * How many entries a poll keeps by default (some 100 bytes each): hours of a burst's
	 * e-mails at the pace a mail server takes them.
	 */
	public static final int CAPACITY = 20_000;

	private final int capacity;

	private final long scanIntervalNanos;

	private final LongSupplier nanoTime;

	private final PriorityQueue<Entry> waiting = new PriorityQueue<>(
			Comparator.comparing(Entry::dueAt).thenComparingLong(Entry::sequence));

	private long sequence;

	private boolean scanSoon = true;

	private long nextScanNanos;

	public DueWork(int capacity, Duration scanInterval) {
		this(capacity, scanInterval, System::nanoTime);
	}

	DueWork(int capacity, Duration scanInterval, LongSupplier nanoTime) {
		this.capacity = capacity;
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
	 * At most {@code batch} ids of deliveries due at {@code now}, earliest first: what
	 * {@code query} (the store's own answer, at most {@code batch} ids) returns when the
	 * store is due to be queried, otherwise what waits here.
	 */
	public List<String> due(Instant now, int batch, Supplier<List<String>> query) {
		if (queryNow()) {
			List<String> found;
			try {
				found = query.get();
			}
			catch (RuntimeException ex) {
				scanSoon();
				throw ex;
			}
			if (found.size() >= batch) {
				scanSoon();
			}
			return found;
		}
		return take(now, batch);
	}

	/** The next poll queries the store (e.g. work was taken but not tried). */
	public synchronized void scanSoon() {
		this.scanSoon = true;
	}

	synchronized int waiting() {
		return this.waiting.size();
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

	private synchronized List<String> take(Instant now, int batch) {
		List<String> due = new ArrayList<>();
		while (due.size() < batch && !this.waiting.isEmpty() && !this.waiting.peek().dueAt().isAfter(now)) {
			due.add(this.waiting.poll().id());
		}
		return due;
	}

	private record Entry(String id, Instant dueAt, long sequence) {
	}

}
