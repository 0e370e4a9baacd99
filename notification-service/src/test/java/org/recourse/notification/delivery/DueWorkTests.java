package org.recourse.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * When a delivery poll asks the store and when it takes what this replica handed over.
 */
class DueWorkTests {

	private static final Instant NOW = Instant.parse("2026-12-07T09:00:00Z");

	private final AtomicLong nanos = new AtomicLong();

	private final List<Instant> queried = new ArrayList<>();

	private final DueWork work = new DueWork(3, Duration.ofSeconds(30), this.nanos::get);

	@Test
	void asksTheStoreAtTheFirstPollThenTakesWhatWasHandedOverEarliestFirst() {
		assertThat(poll(NOW, 10, "from-the-store")).containsExactly("from-the-store");

		this.work.add("later", NOW.plusSeconds(2));
		this.work.add("first", NOW.minusSeconds(1));
		this.work.add("second", NOW);

		assertThat(poll(NOW, 10)).containsExactly("first", "second");
		assertThat(poll(NOW.plusSeconds(1), 10)).isEmpty();
		assertThat(poll(NOW.plusSeconds(2), 10)).containsExactly("later");
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
	void asksTheStoreAgainAfterAFullBatch() {
		this.work.add("handed-over", NOW);
		assertThat(poll(NOW, 2, "a", "b")).containsExactly("a", "b");
		assertThat(poll(NOW, 2, "c")).containsExactly("c");
		assertThat(poll(NOW, 2)).containsExactly("handed-over");

		assertThat(this.queried).hasSize(2);
	}

	@Test
	void asksTheStoreWhenMoreWereHandedOverThanItKeeps() {
		poll(NOW, 10);
		for (int i = 0; i < 4; i++) {
			this.work.add("update-" + i, NOW);
		}
		assertThat(this.work.waiting()).isEqualTo(3);

		assertThat(poll(NOW, 10, "update-3")).containsExactly("update-3");
		assertThat(poll(NOW, 10)).containsExactly("update-0", "update-1", "update-2");
		assertThat(this.queried).hasSize(2);
	}

	@Test
	void keepsWhatWasPutBackAndAsksTheStoreAgainAfterAFailedQuery() {
		poll(NOW, 10);
		this.work.add("a", NOW);
		this.work.add("b", NOW);
		List<String> taken = poll(NOW, 10);
		this.work.putBack(taken.subList(1, taken.size()), NOW.plusSeconds(2));
		assertThat(poll(NOW.plusSeconds(2), 10)).containsExactly("b");

		this.work.scanSoon();
		assertThatIllegalStateException().isThrownBy(() -> this.work.due(NOW, 10, () -> {
			throw new IllegalStateException("store away");
		}));
		assertThat(poll(NOW, 10, "found")).containsExactly("found");
	}

	private List<String> poll(Instant now, int batch, String... inStore) {
		return this.work.due(now, batch, () -> {
			this.queried.add(now);
			return List.of(inStore);
		});
	}

}
