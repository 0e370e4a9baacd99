package org.recourse.benchmarks;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * One phase of load on the stack (the closed loop, or one fixed rate) and everything
 * measured about the reports sent in its measured window: accept latency (submit → 201),
 * routing latency (submit → {@code CaseRouted} seen), end-to-end latency (submit → the
 * "received" {@code ReporterUpdate} seen), and for the sampled reports what the real HTTP
 * APIs showed. Latencies run from the send time, or, at a fixed rate, from the intended
 * send time (no coordinated omission). Recorded from several threads, read at the end.
 */
final class StackPhase {

	static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(30);

	final String name;

	/** Reports per second at a fixed rate; null for the closed loop. */
	final Double rate;

	volatile long measureFrom;

	volatile long measureUntil;

	final Histogram accept = histogram();

	final Histogram routed = histogram();

	/** Stages: submit → {@code ReportSubmitted} published (intake, its outbox relay). */
	final Histogram published = histogram();

	/** {@code ReportSubmitted} → {@code CaseRouted} (triage). */
	final Histogram triage = histogram();

	/** {@code CaseRouted} → {@code ReporterUpdate} "received" (notification). */
	final Histogram notification = histogram();

	final Histogram e2e = histogram();

	/** Sampled reports: "received" on the status page, from the event's arrival. */
	final Histogram statusLag = histogram();

	/**
	 * Sampled reports: the case listed in the owner's queue, from {@code CaseRouted}'s
	 * arrival.
	 */
	final Histogram queueLag = histogram();

	/** Sampled reports: submit → both visible through the HTTP APIs. */
	final Histogram visibleE2e = histogram();

	final LongAdder sent = new LongAdder();

	final LongAdder measuredSent = new LongAdder();

	final LongAdder measuredAccepted = new LongAdder();

	final LongAdder measuredCompleted = new LongAdder();

	final LongAdder behind = new LongAdder();

	final LongAdder samples = new LongAdder();

	final LongAdder samplesChecked = new LongAdder();

	final LongAdder samplesFailed = new LongAdder();

	/** Requests the HTTP check made: each costs the service one bcrypt check. */
	final LongAdder statusRequests = new LongAdder();

	final LongAdder queueRequests = new LongAdder();

	/**
	 * Sampled reports already visible at the first look, right after the event arrived.
	 */
	final LongAdder statusFirstLook = new LongAdder();

	final LongAdder queueFirstLook = new LongAdder();

	/**
	 * Sampled cases the queue listed, but not where its order says (found by reading
	 * every page).
	 */
	final LongAdder queueOutOfOrder = new LongAdder();

	final Map<String, LongAdder> otherOutcomes = new ConcurrentHashMap<>();

	final Map<String, String> firstBodies = new ConcurrentHashMap<>();

	final Map<String, String> sampleFailures = new ConcurrentHashMap<>();

	/** Window facts filled in by the benchmark: process CPU, JVMs, load. */
	Window window;

	/**
	 * Reports accepted, and reports finished end to end, during the window (any phase's).
	 */
	long windowAccepted;

	long windowCompleted;

	/**
	 * Reports accepted but not finished end to end (any phase's) when the phase began.
	 */
	long backlogAtStart;

	/**
	 * After the window: the pipeline alone, finishing what was accepted (null if nothing
	 * was left).
	 */
	Window drainWindow;

	long drainCompleted;

	/** Reports of this phase still unfinished end to end when the drain ended. */
	long unfinished;

	double drainSeconds;

	StackPhase(String name, Double rate) {
		this.name = name;
		this.rate = rate;
	}

	boolean measured(long nanos) {
		return nanos >= this.measureFrom && nanos < this.measureUntil;
	}

	double seconds() {
		return (this.measureUntil - this.measureFrom) / 1e9;
	}

	void outcome(String outcome, String body) {
		this.otherOutcomes.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
		if (body != null) {
			this.firstBodies.putIfAbsent(outcome, body);
		}
	}

	Map<String, Long> otherOutcomes() {
		Map<String, Long> counts = new TreeMap<>();
		this.otherOutcomes.forEach((key, count) -> counts.put(key, count.sum()));
		return counts;
	}

	static void record(Histogram histogram, long nanos) {
		histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000)));
	}

	static Histogram histogram() {
		return new ConcurrentHistogram(HIGHEST_MICROS, 3);
	}

}
