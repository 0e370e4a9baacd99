package org.recourse.notification.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
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
 * <p>
 * When the service stops ({@link #stop()}, among the first things the application context
 * does when it closes), no further delivery starts, those in flight finish and are
 * recorded while the store is still open, and the caller's loop learns from the outcome
 * that it should end. Before, a poll working off a backlog went on sending for as long as
 * its tick lasted (up to 2,000 staff notices), holding the shutdown up until the process
 * was killed, and a kill between a sent e-mail and its record sends it again after the
 * restart.
 */
public final class ConcurrentBatch implements AutoCloseable, SmartLifecycle, ApplicationListener<ContextClosedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(ConcurrentBatch.class);

	/**
	 * How long {@link #close()} waits for deliveries in flight: longer than the slowest
	 * mail exchange (10 s to connect, 30 s to write, 30 s to read), so that a delivery
	 * the server took is recorded rather than sent again once its claim lapses.
	 */
	private static final int AWAIT_ON_CLOSE_SECONDS = 75;

	/**
	 * How long {@link #stop()} waits for the deliveries in flight: a healthy exchange
	 * takes milliseconds; one stuck on an unresponsive server is given up on before an
	 * orchestrator's usual grace period (30 s) ends.
	 */
	private static final Duration STOP_WAIT = Duration.ofSeconds(15);

	private final ThreadPoolTaskExecutor helpers;

	private final int concurrency;

	private final String name;

	private final Object monitor = new Object();

	/** Batches being delivered now; guarded by {@link #monitor}. */
	private int active;

	private volatile boolean stopped;

	private volatile boolean running;

	/**
	 * @param name the helper threads' name prefix
	 * @param concurrency deliveries in flight at most, at least 1
	 */
	public ConcurrentBatch(String name, int concurrency) {
		if (concurrency < 1) {
			throw new IllegalArgumentException("The concurrency must be at least 1, was " + concurrency);
		}
		this.concurrency = concurrency;
		this.name = name;
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
		synchronized (this.monitor) {
			if (this.stopped) {
				return new Outcome(true, List.copyOf(ids), true);
			}
			this.active++;
		}
		try {
			Run run = new Run(ids, stopWhenUnreachable, deliver, () -> this.stopped);
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
		finally {
			synchronized (this.monitor) {
				this.active--;
				this.monitor.notifyAll();
			}
		}
	}

	/**
	 * Delivers again after a {@link #stop()}: a context can be stopped and started again
	 * without closing (Spring's test framework pauses cached contexts that way).
	 */
	@Override
	public void start() {
		synchronized (this.monitor) {
			this.stopped = false;
		}
		this.running = true;
	}

	/**
	 * The context is closing: no further delivery starts, in this batch or a later one.
	 * Every batch hears this before any of them waits in {@link #stop()}, so that the
	 * lifecycle's one-by-one stops never let one batch send while another waits.
	 */
	@Override
	public void onApplicationEvent(ContextClosedEvent event) {
		synchronized (this.monitor) {
			this.stopped = true;
		}
	}

	/**
	 * Starts no further delivery, now or in a later batch, and waits (up to 15 s) for
	 * those in flight to finish and be recorded.
	 */
	@Override
	public void stop() {
		long started = System.nanoTime();
		long deadline = started + STOP_WAIT.toNanos();
		int left;
		synchronized (this.monitor) {
			this.stopped = true;
			try {
				while (this.active > 0 && deadline - System.nanoTime() > 0) {
					this.monitor.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			left = this.active;
		}
		this.running = false;
		if (left > 0) {
			logger.warn(
					"{}: stopping with a batch still in flight after {} s; a delivery its server took but that "
							+ "is not recorded yet is sent again once its claim lapses",
					this.name, STOP_WAIT.toSeconds());
		}
		else {
			logger.info("{}: stopped; deliveries in flight finished in {} ms", this.name,
					(System.nanoTime() - started) / 1_000_000);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Lets the deliveries in flight finish (up to 75 s) and stops the helpers. */
	@Override
	public void close() {
		this.helpers.shutdown();
	}

	/**
	 * What a batch came to: whether every server was reached, the deliveries not tried
	 * (after a server that could not be reached, a failure, or the service stopping), in
	 * their order, and whether the service is stopping (the caller's loop should end).
	 */
	public record Outcome(boolean reachable, List<String> untried, boolean stopped) {

	}

	private static final class Run {

		private final List<String> ids;

		private final boolean stopWhenUnreachable;

		private final Predicate<String> deliver;

		private final AtomicInteger next = new AtomicInteger();

		private final AtomicBoolean reachable = new AtomicBoolean(true);

		private final AtomicReference<Throwable> failure = new AtomicReference<>();

		private final BooleanSupplier stopping;

		Run(List<String> ids, boolean stopWhenUnreachable, Predicate<String> deliver, BooleanSupplier stopping) {
			this.ids = ids;
			this.stopWhenUnreachable = stopWhenUnreachable;
			this.deliver = deliver;
			this.stopping = stopping;
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
			return this.failure.get() == null && (this.reachable.get() || !this.stopWhenUnreachable)
					&& !this.stopping.getAsBoolean();
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
			return new Outcome(this.reachable.get(), List.copyOf(this.ids.subList(tried, this.ids.size())),
					this.stopping.getAsBoolean());
		}

	}

}
