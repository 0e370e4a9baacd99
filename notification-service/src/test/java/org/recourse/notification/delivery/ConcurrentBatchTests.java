package org.recourse.notification.delivery;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class ConcurrentBatchTests {

	private static final List<String> IDS = IntStream.range(0, 40).mapToObj((i) -> "d" + i).toList();

	private ConcurrentBatch batch;

	@AfterEach
	void close() {
		if (this.batch != null) {
			this.batch.close();
		}
	}

	@Test
	void deliversEachOnceWithSeveralInFlightAtOnceBatchAfterBatch() {
		this.batch = new ConcurrentBatch("test", 4);
		for (int round = 0; round < 3; round++) {
			CountDownLatch fourInFlight = new CountDownLatch(4);
			List<String> delivered = new CopyOnWriteArrayList<>();
			Set<String> threads = ConcurrentHashMap.newKeySet();

			ConcurrentBatch.Outcome outcome = this.batch.deliver(IDS, true, (id) -> {
				fourInFlight.countDown();
				// the first four wait for each other: one at a time would never get past
				// this, nor would a batch whose helpers were refused because the last
				// batch's threads were not back in the pool yet
				assertThat(await(fourInFlight)).as("four deliveries in flight at once").isTrue();
				delivered.add(id);
				threads.add(Thread.currentThread().getName());
				return true;
			});

			assertThat(outcome.reachable()).isTrue();
			assertThat(outcome.untried()).isEmpty();
			assertThat(delivered).containsExactlyInAnyOrderElementsOf(IDS);
			assertThat(threads).hasSize(4).contains(Thread.currentThread().getName());
		}
	}

	@Test
	void startsNoFurtherDeliveryOnceAServerCannotBeReachedAndNamesThoseNotTried() {
		this.batch = new ConcurrentBatch("test", 1);
		List<String> tried = new CopyOnWriteArrayList<>();

		ConcurrentBatch.Outcome outcome = this.batch.deliver(IDS, true, (id) -> {
			tried.add(id);
			return !id.equals("d2");
		});

		assertThat(tried).containsExactly("d0", "d1", "d2");
		assertThat(outcome.reachable()).isFalse();
		assertThat(outcome.untried()).isEqualTo(IDS.subList(3, IDS.size()));
	}

	@Test
	void triesEveryOneWhenEachHasItsOwnServer() {
		this.batch = new ConcurrentBatch("test", 3);
		List<String> tried = new CopyOnWriteArrayList<>();

		ConcurrentBatch.Outcome outcome = this.batch.deliver(IDS, false, (id) -> {
			tried.add(id);
			return !id.equals("d2");
		});

		assertThat(tried).containsExactlyInAnyOrderElementsOf(IDS);
		assertThat(outcome.reachable()).isFalse();
		assertThat(outcome.untried()).isEmpty();
	}

	@Test
	void aFailureIsRethrownOnceThoseInFlightFinished() {
		this.batch = new ConcurrentBatch("test", 2);
		CountDownLatch secondInFlight = new CountDownLatch(1);
		CountDownLatch failed = new CountDownLatch(1);
		List<String> finished = new CopyOnWriteArrayList<>();

		assertThatIllegalStateException().isThrownBy(() -> this.batch.deliver(IDS, true, (id) -> {
			if (id.equals("d0")) {
				await(secondInFlight);
				failed.countDown();
				throw new IllegalStateException("the store went away");
			}
			secondInFlight.countDown();
			await(failed);
			finished.add(id);
			return true;
		})).withMessage("the store went away");

		// d1 was in flight when d0 failed: it finished before the failure reached the
		// caller
		assertThat(finished).startsWith("d1");
	}

	@Test
	void aFailureStopsTheBatch() {
		this.batch = new ConcurrentBatch("test", 1);
		List<String> tried = new CopyOnWriteArrayList<>();

		assertThatIllegalStateException().isThrownBy(() -> this.batch.deliver(IDS, true, (id) -> {
			tried.add(id);
			if (id.equals("d2")) {
				throw new IllegalStateException("the store went away");
			}
			return true;
		})).withMessage("the store went away");

		assertThat(tried).containsExactly("d0", "d1", "d2");
	}

	@Test
	void anEmptyBatchDoesNothing() {
		this.batch = new ConcurrentBatch("test", 4);

		ConcurrentBatch.Outcome outcome = this.batch.deliver(List.of(), true, (id) -> {
			throw new AssertionError("nothing to deliver");
		});

		assertThat(outcome.reachable()).isTrue();
		assertThat(outcome.untried()).isEmpty();
	}

	@Test
	void stoppingLetsTheDeliveriesInFlightFinishFirstAndStartsNoOther() throws InterruptedException {
		this.batch = new ConcurrentBatch("test", 4);
		CountDownLatch fourInFlight = new CountDownLatch(4);
		List<String> events = new CopyOnWriteArrayList<>();
		Thread stopper = new Thread(() -> {
			this.batch.stop();
			events.add("stopped");
		}, "stopper");

		ConcurrentBatch.Outcome outcome = this.batch.deliver(IDS, true, (id) -> {
			fourInFlight.countDown();
			assertThat(await(fourInFlight)).as("four deliveries in flight at once").isTrue();
			if (id.equals("d0")) {
				stopper.start();
			}
			// the service stops while d0..d3 are in flight: stop() waits for them
			Awaitility.await()
				.atMost(Duration.ofSeconds(10))
				.until(() -> stopper.getState() == Thread.State.TIMED_WAITING);
			events.add(id);
			return true;
		});
		stopper.join(10_000);

		assertThat(events).hasSize(5).endsWith("stopped").containsAll(IDS.subList(0, 4));
		assertThat(outcome.stopped()).isTrue();
		assertThat(outcome.reachable()).isTrue();
		assertThat(outcome.untried()).isEqualTo(IDS.subList(4, IDS.size()));

		List<String> later = new CopyOnWriteArrayList<>();
		ConcurrentBatch.Outcome next = this.batch.deliver(IDS, true, later::add);
		assertThat(later).as("a batch after the stop delivers nothing").isEmpty();
		assertThat(next.stopped()).isTrue();
		assertThat(next.untried()).isEqualTo(IDS);
	}

	@Test
	void theContextClosingStartsNoFurtherDeliveryWithoutWaiting() {
		this.batch = new ConcurrentBatch("test", 1);
		List<String> tried = new CopyOnWriteArrayList<>();

		ConcurrentBatch.Outcome outcome = this.batch.deliver(IDS, true, (id) -> {
			tried.add(id);
			if (id.equals("d1")) {
				// heard by every batch before any waits in stop()
				this.batch.onApplicationEvent(new ContextClosedEvent(new GenericApplicationContext()));
			}
			return true;
		});

		assertThat(tried).containsExactly("d0", "d1");
		assertThat(outcome.stopped()).isTrue();
		assertThat(outcome.untried()).isEqualTo(IDS.subList(2, IDS.size()));
	}

	@Test
	void anIdleBatchStopsAtOnceAndDeliversAgainOnceStartedAgain() {
		this.batch = new ConcurrentBatch("test", 2);
		this.batch.start();
		assertThat(this.batch.isRunning()).isTrue();

		this.batch.stop();

		assertThat(this.batch.isRunning()).isFalse();
		assertThat(this.batch.deliver(IDS, false, (id) -> {
			throw new AssertionError("nothing is delivered once stopped");
		}).untried()).isEqualTo(IDS);

		this.batch.start();

		List<String> delivered = new CopyOnWriteArrayList<>();
		ConcurrentBatch.Outcome outcome = this.batch.deliver(IDS, false, delivered::add);
		assertThat(delivered).containsExactlyInAnyOrderElementsOf(IDS);
		assertThat(outcome.stopped()).isFalse();
		assertThat(outcome.untried()).isEmpty();
	}

	@Test
	void refusesAConcurrencyBelowOne() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ConcurrentBatch("test", 0))
			.withMessageContaining("at least 1");
	}

	private static boolean await(CountDownLatch latch) {
		try {
			return latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
