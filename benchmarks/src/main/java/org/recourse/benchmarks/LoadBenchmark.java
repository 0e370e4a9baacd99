package org.recourse.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Load and latency benchmark of the whole platform (issue 9): drives the local stack with
 * realistic reports and measures accept latency and end-to-end latency (submit → case in
 * the owner's queue → reporter update "received" on the status page) per report, and, in
 * the same run on the same store and broker, the bare-store ceiling
 * ({@link StoreCeiling}) that our rates are compared with. Phases, in order:
 * <ol>
 * <li>the ceiling (warm-up, then measured);</li>
 * <li>the closed loop: the most reports intake accepts at the given concurrency, with the
 * pipeline's end-to-end rate meanwhile (warm-up, measured, then drained, then the e-mails
 * it left owed sent);</li>
 * <li>one phase per fixed rate: does the pipeline keep up end to end, and how fast (each
 * drained too, and the next one waits for its e-mails).</li>
 * </ol>
 * Ends with one summary block: figures, ratios to the ceiling, a verdict per target, CPU
 * per process and per report, heap, GC and resident memory per process. Started by
 * {@code ./benchmark-load}; never part of the tests.
 */
public final class LoadBenchmark {

	/** notification-service's delivery attempts, by channel, audience and outcome. */
	private static final String DELIVERY_ATTEMPTS = "recourse_notifications_total";

	private static final Duration MAIL_POLL = Duration.ofSeconds(5);

	/** Polls in a row that find the same count: the e-mails are out (15 s unchanged). */
	private static final int MAIL_STEADY_POLLS = 3;

	private static final Duration MAIL_WAIT = Duration.ofMinutes(20);

	private final LoadOptions options;

	private final List<StackPhase> phases = new ArrayList<>();

	private StoreCeiling.Result ceiling;

	private LoadBenchmark(LoadOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		if (System.getProperty("logback.configurationFile") == null) {
			System.setProperty("logback.configurationFile", "load-benchmark-logback.xml");
		}
		LoadOptions options;
		try {
			options = LoadOptions.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(LoadOptions.USAGE);
			System.exit(2);
			return;
		}
		if (options == null) {
			System.out.println(LoadOptions.USAGE);
			return;
		}
		System.exit(new LoadBenchmark(options).run() ? 0 : 1);
	}

	private boolean run() throws IOException, InterruptedException {
		Path dataDir = (this.options.attach()) ? null
				: (this.options.dataDir != null) ? this.options.dataDir : Files.createTempDirectory("recourse-load-");
		boolean succeeded = false;
		StackUnderTest stack = this.options.attach() ? StackUnderTest.attach(this.options)
				: StackUnderTest.start(this.options, dataDir);
		double loadAtStart = Machine.loadAverage();
		try (VisibilityProbe probe = new VisibilityProbe(stack.intakeUrl, stack.triageUrl, this.options.ownerPassword);
				PipelineEvents events = new PipelineEvents(stack.kafka, probe)) {
			ServiceJvms jvms = new ServiceJvms(stack, this.options.scrapePassword);
			if (!this.options.skipCeiling) {
				this.ceiling = new StoreCeiling(stack.mongoUri, stack.kafka).run(this.options.concurrency,
						this.options.warmup, this.options.duration, stack, jvms);
			}
			ReportLoad load = new ReportLoad(stack.intakeUrl, events, this.options.sampleEvery);
			StackPhase closed = new StackPhase("closed loop", null);
			runPhase(closed, load, events, probe, stack, jvms, this.options.warmup);
			if (!this.options.idle.isZero() || this.options.autoRate || !this.options.rates.isEmpty()) {
				awaitMail(closed, stack, jvms);
			}
			Window idle = idle(stack, jvms);
			if (this.options.autoRate) {
				double rate = autoRate(closed);
				StackPhase fixed = runFixed(rate, load, events, probe, stack, jvms);
				if (!LoadSummary.sustained(fixed)) {
					say("Not sustained at " + fixed.name + ": trying half that rate");
					runFixed(Math.max(0.5, Math.round(rate * 5) / 10.0), load, events, probe, stack, jvms);
				}
			}
			for (double rate : this.options.rates) {
				runFixed(rate, load, events, probe, stack, jvms);
			}
			new LoadSummary(this.options, stack, loadAtStart, idle, this.ceiling, this.phases, events.undecodable())
				.print(System.out);
			succeeded = closed.measuredAccepted.sum() > 0;
			return succeeded;
		}
		finally {
			stack.close();
			if (stack.started()) {
				if (succeeded && !this.options.keepData && this.options.dataDir == null) {
					deleteTree(dataDir);
				}
				else {
					say("Data and logs kept in " + dataDir);
				}
			}
		}
	}

	/**
	 * The fixed rate to try by default: 80 % of what intake and the pipeline can do
	 * together, at most 40 % of the ceiling (the end-to-end target). Intake's
	 * rate is the closed loop's; the pipeline's is how fast it finished the backlog
	 * afterwards, alone (or, if it kept up during the closed loop, the rate it finished
	 * at then). Both share the same cores, so together they manage about the harmonic
	 * combination {@code 1 / (1/intake + 1/pipeline)}.
	 */
	private double autoRate(StackPhase closed) {
		double intake = closed.measuredAccepted.sum() / closed.seconds();
		boolean drained = closed.drainWindow != null && closed.drainWindow.seconds >= 10;
		double pipeline = drained ? closed.drainCompleted / closed.drainWindow.seconds
				: closed.windowCompleted / closed.seconds();
		double rate = 0.8 * (drained ? 1 / (1 / intake + 1 / pipeline) : pipeline);
		if (this.ceiling != null) {
			rate = Math.min(rate, 0.4 * this.ceiling.perSecond());
		}
		rate = Math.max(0.5, Math.round(rate * 10) / 10.0);
		say(String.format(Locale.ROOT,
				"Fixed rate chosen: %.1f/s (intake accepted %.1f/s, the pipeline finished %.1f/s %s%s)", rate, intake,
				pipeline, drained ? "alone while draining" : "during the closed loop", (this.ceiling != null) ? String
					.format(Locale.ROOT, "; at most 40 %% of the ceiling's %.0f/s", this.ceiling.perSecond()) : ""));
		return rate;
	}

	/**
	 * A window without load, after the closed loop has drained (everything warm): what
	 * each process spends in the background (polling, scrapes, timers), to tell from the
	 * CPU per report at low rates.
	 */
	private Window idle(StackUnderTest stack, ServiceJvms jvms) throws InterruptedException {
		if (this.options.idle.isZero()) {
			return null;
		}
		say("idle: " + this.options.idle.toSeconds() + " s without load (each process's background CPU)");
		Window idle = new Window("idle", stack, jvms);
		sleepUntil(System.nanoTime() + this.options.idle.toNanos());
		idle.close();
		idle.reportsAre = "(none)";
		return idle;
	}

	private StackPhase runFixed(double rate, ReportLoad load, PipelineEvents events, VisibilityProbe probe,
			StackUnderTest stack, ServiceJvms jvms) throws InterruptedException {
		StackPhase previous = this.phases.get(this.phases.size() - 1);
		if (previous.rate != null) {
			awaitMail(previous, stack, jvms);
		}
		StackPhase fixed = new StackPhase(String.format(Locale.ROOT, "fixed %.1f/s", rate), rate);
		runPhase(fixed, load, events, probe, stack, jvms, this.options.rateWarmup);
		return fixed;
	}

	private void runPhase(StackPhase phase, ReportLoad load, PipelineEvents events, VisibilityProbe probe,
			StackUnderTest stack, ServiceJvms jvms, Duration warmup) throws InterruptedException {
		this.phases.add(phase);
		phase.backlogAtStart = events.accepted() - events.completed();
		long start = System.nanoTime();
		phase.measureFrom = start + warmup.toNanos();
		phase.measureUntil = phase.measureFrom + this.options.duration.toNanos();
		say(String.format(Locale.ROOT, "%s: %d in flight at most, warm-up %d s, then measuring %d s%s%s", phase.name,
				this.options.concurrency, warmup.toSeconds(), this.options.duration.toSeconds(),
				(this.options.count > 0) ? " or " + this.options.count + " reports" : "", (phase.backlogAtStart > 0)
						? "; " + phase.backlogAtStart + " earlier reports still in the pipeline" : ""));
		Thread sender = new Thread(() -> {
			try {
				load.run(phase, this.options.concurrency, start, this.options.count);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "load");
		sender.start();
		Progress progress = new Progress(phase, events, start);
		progress.until(phase.measureFrom, sender);
		say(phase.name + ": warm-up done, measuring");
		long acceptedBefore = events.accepted();
		long completedBefore = events.completed();
		Window window = new Window(phase.name, stack, jvms);
		progress.until(() -> phase.measureUntil, sender);
		window.close();
		phase.window = window;
		phase.windowAccepted = events.accepted() - acceptedBefore;
		phase.windowCompleted = events.completed() - completedBefore;
		window.reports = phase.windowAccepted;
		window.reportsAre = "accepted";
		sender.join();
		drain(phase, events, progress, stack, jvms);
		probe.awaitIdle(Duration.ofSeconds(35));
	}

	/**
	 * Waits until every accepted report finished end to end (at most {@code --drain}),
	 * measuring the pipeline alone meanwhile: its CPU per report and its rate.
	 */
	private void drain(StackPhase phase, PipelineEvents events, Progress progress, StackUnderTest stack,
			ServiceJvms jvms) throws InterruptedException {
		long drainStart = System.nanoTime();
		long backlog = events.accepted() - events.completed();
		if (backlog > 0) {
			say(String.format(Locale.ROOT, "%s: measured; %d reports still in the pipeline, waiting (at most %d s)"
					+ " for them to finish end to end", phase.name, backlog, this.options.drain.toSeconds()));
			long completedBefore = events.completed();
			Window window = new Window("drain after " + phase.name, stack, jvms);
			progress.drain(drainStart + this.options.drain.toNanos());
			window.close();
			phase.drainWindow = window;
			phase.drainCompleted = events.completed() - completedBefore;
			window.reports = phase.drainCompleted;
			window.reportsAre = "finished";
		}
		phase.drainSeconds = (System.nanoTime() - drainStart) / 1e9;
		phase.unfinished = events.unfinished(phase);
		say(String.format(Locale.ROOT,
				"%s: drained in %.0f s, %d measured reports unfinished, %d reports in the" + " pipeline", phase.name,
				phase.drainSeconds, phase.unfinished, events.accepted() - events.completed()));
	}

	/**
	 * Waits until notification-service has sent the e-mails {@code after} left owed (a
	 * staff notice per case, an e-mail for every reporter who left an address): its count
	 * of delivery attempts unchanged for 3 polls 5 s apart, at most 20 minutes. The drain
	 * ends once every report's "received" update is composed, but the e-mails go out at
	 * 20-30/s: the closed loop's burst leaves some 16,000 owed, and a phase run meanwhile
	 * would not measure a steady state. {@code ./benchmark} waits the same way. Goes on
	 * without waiting when notification-service never answers.
	 */
	private void awaitMail(StackPhase after, StackUnderTest stack, ServiceJvms jvms) throws InterruptedException {
		if (!this.options.mailWait) {
			say(after.name + ": not waiting for the e-mails it left owed (--no-mail-wait); they go out during what"
					+ " follows");
			return;
		}
		String url = stack.notificationUrl;
		say(String.format(Locale.ROOT,
				"%s: waiting for the e-mails it left owed, until notification-service (%s) counts no new delivery"
						+ " attempt for %d s (at most %d min)",
				after.name, url, MAIL_POLL.toSeconds() * MAIL_STEADY_POLLS, MAIL_WAIT.toMinutes()));
		long start = System.nanoTime();
		long deadline = start + MAIL_WAIT.toNanos();
		long saidAt = start;
		Double said = null;
		Double last = null;
		Double count = null;
		int same = 0;
		int unanswered = 0;
		boolean answered = false;
		while (System.nanoTime() < deadline) {
			count = jvms.metricSum(url, DELIVERY_ATTEMPTS);
			answered |= count != null;
			if (!answered && ++unanswered >= MAIL_STEADY_POLLS) {
				say("notification-service does not answer at " + url + "/actuator/prometheus: going on without"
						+ " waiting for the e-mails (give --notification-url, or --no-mail-wait)");
				return;
			}
			same = (count != null && count.equals(last)) ? same + 1 : 0;
			long now = System.nanoTime();
			if (same >= MAIL_STEADY_POLLS) {
				say(String.format(Locale.ROOT, "%s: e-mails out after %.0f s more (%.0f delivery attempts in all)",
						after.name, (now - start) / 1e9, count));
				return;
			}
			if (now - saidAt >= TimeUnit.SECONDS.toNanos(10)) {
				String rate = (count != null && said != null)
						? String.format(Locale.ROOT, ", %.1f/s", (count - said) / ((now - saidAt) / 1e9)) : "";
				say(String.format(Locale.ROOT, "%s e-mails %4.0f s  delivery attempts %s%s, load %.1f", after.name,
						(now - start) / 1e9, attempts(count), rate, Machine.loadAverage()));
				saidAt = now;
				said = count;
			}
			last = count;
			sleepUntil(System.nanoTime() + MAIL_POLL.toNanos());
		}
		say(String.format(Locale.ROOT,
				"%s: e-mails still going out after %d min (%s delivery attempts so far); going on anyway", after.name,
				MAIL_WAIT.toMinutes(), attempts(count)));
	}

	private static String attempts(Double count) {
		return (count != null) ? String.format(Locale.ROOT, "%.0f", count) : "? (no answer)";
	}

	/** Prints how the phase goes every 10 s while waiting for it. */
	private static final class Progress {

		private final StackPhase phase;

		private final PipelineEvents events;

		private final long start;

		private long lastAt;

		private long lastSent;

		private long lastCompleted;

		Progress(StackPhase phase, PipelineEvents events, long start) {
			this.phase = phase;
			this.events = events;
			this.start = start;
			this.lastAt = start;
			this.lastCompleted = events.completed();
		}

		void until(long deadline, Thread sender) throws InterruptedException {
			until(() -> deadline, sender);
		}

		void until(java.util.function.LongSupplier deadline, Thread sender) throws InterruptedException {
			while (System.nanoTime() < deadline.getAsLong() && sender.isAlive()) {
				waitABit();
			}
		}

		void drain(long deadline) throws InterruptedException {
			while (System.nanoTime() < deadline && this.events.accepted() > this.events.completed()) {
				waitABit();
			}
		}

		private void waitABit() throws InterruptedException {
			TimeUnit.MILLISECONDS.sleep(100);
			long now = System.nanoTime();
			if (now - this.lastAt < TimeUnit.SECONDS.toNanos(10)) {
				return;
			}
			long sent = this.phase.sent.sum();
			long completed = this.events.completed();
			double seconds = (now - this.lastAt) / 1e9;
			String stage = (now < this.phase.measureFrom) ? "warm-up"
					: (now < this.phase.measureUntil) ? "measuring" : "draining";
			say(String.format(Locale.ROOT,
					"%s %4.0f s %-9s sent %6.1f/s, end to end %6.1f/s, in the pipeline %d, load %.1f", this.phase.name,
					(now - this.start) / 1e9, stage, (sent - this.lastSent) / seconds,
					(completed - this.lastCompleted) / seconds, this.events.accepted() - completed,
					Machine.loadAverage()));
			this.lastAt = now;
			this.lastSent = sent;
			this.lastCompleted = completed;
		}

	}

	static void sleepUntil(long nanos) throws InterruptedException {
		long now;
		while ((now = System.nanoTime()) < nanos) {
			TimeUnit.NANOSECONDS.sleep(Math.min(nanos - now, TimeUnit.MILLISECONDS.toNanos(200)));
		}
	}

	static void say(String line) {
		System.out.println("[load] " + line);
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> files = Files.walk(root)) {
			for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(file);
			}
		}
	}

}
