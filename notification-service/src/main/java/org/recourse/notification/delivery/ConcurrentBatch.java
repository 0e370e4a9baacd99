package org.recourse.notification.delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * Works through one poll's batch of due deliveries with up to {@code concurrency} of them
 * in flight. A delivery mostly waits (the claim and the record in the store, the mail
 * server's replies), so one at a time left the machine two-thirds idle while a backlog
 * grew: 19 to 23 e-mails a second in the submit benchmark, fewer than a steady 15 reports
 * a second cause.
 * <p>
 * Deliveries start in the batch's order (earliest due first) on the polling thread and
 * {@code concurrency - 1} helpers; each is claimed by its own guarded write, so running
 * several at once changes nothing about who sends what. When a delivery's server cannot
 * be reached, no further one starts if the caller says so (every e-mail waits for the
 * same server), and the outcome names those not tried; a delivery that throws stops the
 * batch the same way and its exception is rethrown once those in flight have finished.
 */
public final class ConcurrentBatch implements AutoCloseable {

	/**
	 * How long {@link #close()} waits for deliveries in flight: longer than the slowest
	 * mail exchange (10 s to connect, 30 s to write, 30 s to read), so that a delivery
	 * the server took is recorded rather than sent again once its claim lapses.
	 */
	private static final int AWAIT_ON_CLOSE_SECONDS = 75;

	private final ThreadPoolTaskExecutor helpers;

	private final int concurrency;

	/**
	 * @param name the helper threads' name prefix
	 * @param concurrency deliveries in flight at most, at least 1
	 */
	public ConcurrentBatch(String name, int concurrency) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("The concurrency must be at least 1, was " + concurrency);
		}
		this.concurrency = concurrency;
		this.helpers = new ThreadPoolTaskExecutor();
		this.helpers.setCorePoolSize(Math.max(concurrency - 1, 1));
		this.helpers.setMaxPoolSize(Math.max(concurrency - 1, 1));
		// a batch waits for its helpers before it returns, so at most one batch's helpers
		// are ever queued: those of a batch that starts while the threads of the last one
		// are still on their way back to the pool
		this.helpers.setQueueCapacity(concurrency);
		this.helpers.setThreadNamePrefix(name + "-");
		this.helpers.setDaemon(true);
		this.helpers.setWaitForTasksToCompleteOnShutdown(true);
		this.helpers.setAwaitTerminationSeconds(AWAIT_ON_CLOSE_SECONDS);
		this.helpers.initialize();
	}

	/**
	 * Delivers {@code ids}; {@code deliver} returns false when the delivery's server
	 * could not be reached.
	 * @param stopWhenUnreachable whether a server that cannot be reached stops the batch
	 * (no further delivery starts)
	 */
	public Outcome deliver(List<String> ids, boolean stopWhenUnreachable, Predicate<String> deliver) {
		Run run = new Run(ids, stopWhenUnreachable, deliver);
		List<Future<?>> started = new ArrayList<>();
		try {
			for (int helper = 1; helper < Math.min(this.concurrency, ids.size()); helper++) {
				started.add(this.helpers.submit(run::work));
			}
		}
		catch (TaskRejectedException ex) {
			// fewer helpers: the polling thread and those started do the rest
		}
		run.work();
		for (Future<?> helper : started) {
			run.awaitHelper(helper);
		}
		return run.outcome();
	}

	/** Lets the deliveries in flight finish (up to 75 s) and stops the helpers. */
	@Override
	public void close() {
		this.helpers.shutdown();
	}

	/**
	 * What a batch came to: whether every server was reached, and the deliveries not
	 * tried (after a server that could not be reached, or a failure), in their order.
	 */
	public record Outcome(boolean reachable, List<String> untried) {

	}

	private static final class Run {

		private final List<String> ids;

		private final boolean stopWhenUnreachable;

		private final Predicate<String> deliver;

		private final AtomicInteger next = new AtomicInteger();

		private final AtomicBoolean reachable = new AtomicBoolean(true);

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		Run(List<String> ids, boolean stopWhenUnreachable, Predicate<String> deliver) {
			this.ids = ids;
			this.stopWhenUnreachable = stopWhenUnreachable;
			this.deliver = deliver;
		}

		void work() {
			while (goesOn()) {
				int index = this.next.getAndIncrement();
				if (index >= this.ids.size()) {
					return;
				}
				try {
					if (!this.deliver.test(this.ids.get(index))) {
						this.reachable.set(false);
					}
				}
				catch (RuntimeException | Error ex) {
					if (!this.failure.compareAndSet(null, ex)) {
						this.failure.get().addSuppressed(ex);
					}
				}
			}
		}

		private boolean goesOn() {
			return this.failure.get() == null && (this.reachable.get() || !this.stopWhenUnreachable);
		}

		/**
		 * Waits for a helper to finish, also when interrupted (the service stopping): no
		 * further delivery starts then, those in flight finish (their claims hold), and
		 * the interrupt is kept for the caller.
		 */
		void awaitHelper(Future<?> helper) {
			boolean interrupted = false;
			while (true) {
				try {
					helper.get();
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
					this.failure.compareAndSet(null, new IllegalStateException("Interrupted while delivering", ex));
				}
				catch (ExecutionException ex) {
					// work() keeps its failures to itself; this is a helper that never
					// ran
					this.failure.compareAndSet(null, ex.getCause());
					break;
				}
			}
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}

		Outcome outcome() {
			Throwable failed = this.failure.get();
			if (failed instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (failed instanceof Error error) {
				throw error;
			}
			if (failed != null) {
				throw new IllegalStateException(failed);
			}
			int tried = Math.min(this.next.get(), this.ids.size());
			return new Outcome(this.reachable.get(), List.copyOf(this.ids.subList(tried, this.ids.size())));
		}

	}

}
