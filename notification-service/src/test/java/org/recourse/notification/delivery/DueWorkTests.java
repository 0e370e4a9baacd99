package org.recourse.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * When a delivery poll asks the store and when it takes what this replica handed over.
 * The store here is a map of the pending deliveries and when each is due: a writer stores
 * a delivery and then hands it over; another replica's deliveries are only stored.
 */
class DueWorkTests {

	private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

	private final AtomicLong nanos = new AtomicLong();

	private final Map<String, Instant> pending = new HashMap<>();

	private final List<Instant> queried = new ArrayList<>();

	private final List<Integer> limits = new ArrayList<>();

	/** Keeps 3 entries, asks the store for 2 at a time. */
	private final DueWork work = new DueWork(3, 2, Duration.ofSeconds(30), this.nanos::get);

	@Test
	void asksTheStoreAtTheFirstPollThenTakesWhatWasHandedOverEarliestFirst() {
		this.pending.put("another-replicas", NOW);
		assertThat(sent(poll(NOW, 10))).containsExactly("another-replicas");

		stored("later", NOW.plusSeconds(2));
		stored("first", NOW.minusSeconds(1));
		stored("second", NOW);

		assertThat(sent(poll(NOW, 10))).containsExactly("first", "second");
		assertThat(poll(NOW.plusSeconds(1), 10)).isEmpty();
		assertThat(sent(poll(NOW.plusSeconds(2), 10))).containsExactly("later");
		assertThat(this.queried).containsExactly(NOW);
	}

	@Test
	void asksTheStoreAgainOnceTheScanIntervalPassed() {
		poll(NOW, 10);
		this.nanos.addAndGet(Duration.ofSeconds(29).toNanos());
		poll(NOW, 10);
		this.nanos.addAndGet(Duration.ofSeconds(1).toNanos());
		poll(NOW, 10);

		assertThat(this.queried).hasSize(2);
	}

	@Test
	void asksTheStoreAgainOnceTheWorkOfAFullAnswerIsDone() {
		this.pending.put("a", NOW.minusSeconds(3));
		this.pending.put("b", NOW.minusSeconds(2));
		this.pending.put("c", NOW.minusSeconds(1));

		assertThat(sent(poll(NOW, 1))).containsExactly("a");
		assertThat(sent(poll(NOW, 1))).containsExactly("b");
		assertThat(this.queried).as("one answer, two batches").hasSize(1);
		assertThat(sent(poll(NOW, 1))).containsExactly("c");
		assertThat(poll(NOW, 1)).isEmpty();

		assertThat(this.queried).hasSize(2);
		assertThat(this.limits).containsOnly(2);
	}

	@Test
	void anAnswerReplacesTheHandedOverEntriesItMakesRedundant() {
		poll(NOW, 10);
		stored("a", NOW.minusSeconds(1));
		stored("b", NOW);
		stored("retry", NOW.plusSeconds(10));
		this.pending.remove("a"); // sent by another replica meanwhile
		this.work.scanSoon();

		assertThat(sent(poll(NOW, 10))).as("b once, a not at all").containsExactly("b");
		assertThat(poll(NOW, 10)).isEmpty();
		assertThat(sent(poll(NOW.plusSeconds(10), 10))).containsExactly("retry");
	}

	@Test
	void takesWhatTheStoreSaysIsDueEvenWhenEntriesNotYetDueFillTheMemory() {
		poll(NOW, 10);
		for (int i = 0; i < 3; i++) {
			stored("retry-" + i, NOW.plusSeconds(60));
		}
		this.pending.put("another-replicas", NOW);
		this.work.scanSoon();

		assertThat(sent(poll(NOW, 10))).containsExactly("another-replicas");
		assertThat(sent(poll(NOW.plusSeconds(60), 10))).containsExactly("retry-0", "retry-1", "retry-2");
	}

	@Test
	void keepsWhatWasHandedOverWhileTheStoreWasAsked() {
		poll(NOW, 10);
		this.pending.put("old", NOW.minusSeconds(5));
		this.work.scanSoon();

		List<String> taken = this.work.due(NOW, 10, (limit) -> {
			List<DueWork.Due> answer = answer(NOW, limit);
			stored("stored-meanwhile", NOW);
			return answer;
		});

		assertThat(taken).containsExactly("old", "stored-meanwhile");
	}

	@Test
	void asksTheStoreWhenMoreWereHandedOverThanItKeeps() {
		poll(NOW, 10);
		for (int i = 0; i < 4; i++) {
			stored("update-" + i, NOW.minusSeconds(4 - i));
		}
		assertThat(this.work.waiting()).isEqualTo(3);

		assertThat(sent(poll(NOW, 10))).containsExactly("update-0", "update-1", "update-2");
		assertThat(sent(poll(NOW, 10))).containsExactly("update-3");
		assertThat(poll(NOW, 10)).isEmpty();
		assertThat(this.queried).hasSize(3);
	}

	@Test
	void keepsWhatWasPutBackAndAsksTheStoreAgainAfterAFailedQuery() {
		poll(NOW, 10);
		stored("a", NOW);
		stored("b", NOW);
		List<String> taken = poll(NOW, 10);
		sent(taken.subList(0, 1));
		this.work.putBack(taken.subList(1, taken.size()), NOW.plusSeconds(2));
		assertThat(sent(poll(NOW.plusSeconds(2), 10))).containsExactly("b");

		this.work.scanSoon();
		assertThatIllegalStateException().isThrownBy(() -> this.work.due(NOW, 10, (limit) -> {
			throw new IllegalStateException("store away");
		}));
		this.pending.put("found", NOW);
		assertThat(poll(NOW, 10)).containsExactly("found");
	}

	/** A writer's part: the delivery stored, then handed over. */
	private void stored(String id, Instant dueAt) {
		this.pending.put(id, dueAt);
		this.work.add(id, dueAt);
	}

	private List<String> sent(List<String> ids) {
		ids.forEach(this.pending::remove);
		return ids;
	}

	private List<String> poll(Instant now, int batch) {
		return this.work.due(now, batch, (limit) -> answer(now, limit));
	}

	/** The store's answer: the pending deliveries due at {@code now}, earliest first. */
	private List<DueWork.Due> answer(Instant now, int limit) {
		this.queried.add(now);
		this.limits.add(limit);
		return this.pending.entrySet()
			.stream()
			.filter((delivery) -> !delivery.getValue().isAfter(now))
			.sorted(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
			.limit(limit)
			.map((delivery) -> new DueWork.Due(delivery.getKey(), delivery.getValue()))
			.toList();
	}

}
