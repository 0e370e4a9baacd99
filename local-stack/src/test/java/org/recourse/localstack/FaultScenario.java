package org.recourse.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * The fault scenario, short or long: reports are submitted continuously through intake's
 * API while, in turn, triage, notification and intake are killed with SIGKILL and started
 * again, the Kafka broker is killed and started again, and the store is killed and
 * started again (its file keeps the data). Then it waits, polling, until the stack has
 * settled (every submission answered or given up, every consumer group caught up, every
 * outbox empty, every e-mail and post sent, every breached case escalated) and reads what
 * happened ({@link Findings}).
 */
final class FaultScenario {

	private static final Duration PROGRESS_EVERY = Duration.ofSeconds(30);

	/** Dead letters a run may explain: none so far (any is reported as unexpected). */
	static final List<String> EXPECTED_DEAD_LETTERS = List.of();

	private final LocalStack stack;

	private final int reports;

	private final double perSecond;

	private final int emailEvery;

	private final List<String> faults = new ArrayList<>();

	private final long startedNanos = System.nanoTime();

	private int mailCrashes;

	/** Receipts issued when the last fault was over; the load goes on a little after. */
	private volatile int lastFaultIssued = -1;

	private Duration longestTriageOrStoreOutage = Duration.ZERO;

	private long lastProgressNanos;

	private Duration timeToSettle;

	/** How long the broker and the store stay down. */
	private final Duration outage;

	private java.io.PrintStream console = System.out;

	FaultScenario(LocalStack stack, int reports, double perSecond, int emailEvery, Duration outage) {
		this.outage = outage;
		this.stack = stack;
		this.reports = reports;
		this.perSecond = perSecond;
		this.emailEvery = emailEvery;
	}

	Findings run(Duration settleWithin) {
		try (ReportLoad load = new ReportLoad(this.stack.settings().url(this.stack.settings().intakePort()),
				this.reports, this.perSecond, this.emailEvery);
				StackInspector inspector = new StackInspector(this.stack)) {
			load.keepGoingWhile(
					() -> this.lastFaultIssued < 0 || load.issuedCount() < this.lastFaultIssued + this.reports / 20);
			load.start();
			afterIssued(load, 0.10, "kill -9 triage-service and restart it", () -> crash(Service.TRIAGE));
			afterIssued(load, 0.25, "kill -9 notification-service and restart it", () -> {
				crash(Service.NOTIFICATION);
				this.mailCrashes++;
			});
			afterIssued(load, 0.40, "kill -9 intake-service and restart it", () -> crash(Service.INTAKE));
			afterIssued(load, 0.55, "kill -9 the Kafka broker, down " + this.outage.toSeconds() + " s",
					() -> outage(this.stack::killKafka, this.stack::startKafka));
			afterIssued(load, 0.70, "kill -9 the store, down " + this.outage.toSeconds() + " s", () -> {
				outage(this.stack::killStore, this.stack::restartStore);
				this.mailCrashes++;
			});
			this.lastFaultIssued = load.issuedCount();
			await("every submission answered or given up").atMost(Duration.ofHours(2))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> {
					progress(String.format("%,d of %,d receipts issued", load.issuedCount(), this.reports));
					return load.done();
				});
			long submittedNanos = System.nanoTime();
			await("the stack settles").atMost(settleWithin)
				.pollInterval(Duration.ofSeconds(5))
				.until(() -> settled(inspector));
			this.timeToSettle = Duration.ofNanos(System.nanoTime() - submittedNanos);
			return Findings.of(load, inspector, this.mailCrashes, EXPECTED_DEAD_LETTERS,
					this.longestTriageOrStoreOutage.plus(Findings.ESCALATION_DELAY_MARGIN));
		}
	}

	private void afterIssued(ReportLoad load, double share, String fault, Runnable inject) {
		int threshold = (int) (this.reports * share);
		await(fault + " after " + threshold + " receipts").atMost(Duration.ofHours(2))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> {
				progress(String.format("%,d of %,d receipts issued", load.issuedCount(), this.reports));
				return load.issuedCount() >= threshold || load.done();
			});
		long at = System.nanoTime();
		inject.run();
		Duration down = Duration.ofNanos(System.nanoTime() - at);
		if ((fault.contains("triage") || fault.contains("store"))
				&& down.compareTo(this.longestTriageOrStoreOutage) > 0) {
			this.longestTriageOrStoreOutage = down;
		}
		this.faults.add(String.format("%6.1f s  %-48s back after %5.1f s (%d receipts issued before)",
				(at - this.startedNanos) / 1e9, fault, (System.nanoTime() - at) / 1e9, threshold));
		this.console.println("[fault] " + this.faults.get(this.faults.size() - 1));
	}

	/**
	 * A crash that lasts: the process stays down for {@code outage} (a restart or a
	 * failover of a real store or broker takes that long, longer than any consumer's
	 * retries of one record), then comes back.
	 */
	private void outage(Runnable crash, Runnable restart) {
		crash.run();
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
		try {
			ScheduledFuture<?> back = timer.schedule(restart, this.outage.toMillis(), TimeUnit.MILLISECONDS);
			await().atMost(this.outage.plusMinutes(3)).until(back::isDone);
			back.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException("Could not restart after the outage", ex.getCause());
		}
		finally {
			timer.shutdownNow();
		}
	}

	private void crash(Service service) {
		this.stack.kill(service);
		this.stack.restart(service);
	}

	private boolean settled(StackInspector inspector) {
		String state = inspector.state();
		progress("settling: " + state);
		return state.equals(StackInspector.SETTLED);
	}

	/** A line on the console at most every {@link #PROGRESS_EVERY}, for long runs. */
	private void progress(String line) {
		long now = System.nanoTime();
		if (now - this.lastProgressNanos >= PROGRESS_EVERY.toNanos()) {
			this.lastProgressNanos = now;
			this.console.printf("[progress] %6.0f s  %s%n", (now - this.startedNanos) / 1e9, line);
		}
	}

	/**
	 * Where faults and progress are reported as they happen (standard output by default,
	 * which Surefire keeps until the test ends).
	 */
	FaultScenario reportingTo(java.io.PrintStream console) {
		this.console = console;
		return this;
	}

	Duration elapsed() {
		return Duration.ofNanos(System.nanoTime() - this.startedNanos);
	}

	/** What a newcomer reads after a run. */
	String summary(Findings findings) {
		StringBuilder text = new StringBuilder();
		text.append(String.format(
				"Fault suite: at least %,d reports at %.1f/s (more while faults were still to come), an e-mail address"
						+ " on 1 in %d%n",
				this.reports, this.perSecond, this.emailEvery));
		text.append("Faults injected (time since start, what, how long until ready again):\n");
		this.faults.forEach((fault) -> text.append("  ").append(fault).append('\n'));
		text.append("Outcome:\n").append(findings.summary());
		text.append(String.format("Time to settle after the last submission was answered: %.1f s; whole run %.1f s%n",
				this.timeToSettle.toMillis() / 1e3, elapsed().toMillis() / 1e3));
		return text.toString();
	}

}
