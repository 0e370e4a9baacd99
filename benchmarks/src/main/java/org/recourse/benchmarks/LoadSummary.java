package org.recourse.benchmarks;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.HdrHistogram.Histogram;

/**
 * The one block the load benchmark ends with: the machine, each phase's figures, the
 * ratios to the ceiling with a verdict per target of issue 9, and per process the CPU
 * (share of a core and milliseconds per report), heap, GC and resident memory.
 */
final class LoadSummary {

	static final double MIB = 1024 * 1024;

	private static final double ACCEPT_TARGET = 0.60;

	private static final double E2E_TARGET = 0.40;

	private static final double E2E_P99_MILLIS = 1000;

	private static final double HEAP_TARGET_MIB = 256;

	private static final double GC_SHARE_LIMIT = 0.10;

	/**
	 * A shorter drain says little about the pipeline alone: it is left out of the tables.
	 */
	private static final double MIN_DRAIN_SECONDS = 10;

	private final LoadOptions options;

	private final StackUnderTest stack;

	private final double loadAtStart;

	private final Window idle;

	private final StoreCeiling.Result ceiling;

	private final List<StackPhase> phases;

	private final long undecodable;

	private PrintStream out;

	LoadSummary(LoadOptions options, StackUnderTest stack, double loadAtStart, Window idle, StoreCeiling.Result ceiling,
			List<StackPhase> phases, long undecodable) {
		this.options = options;
		this.stack = stack;
		this.loadAtStart = loadAtStart;
		this.idle = idle;
		this.ceiling = ceiling;
		this.phases = phases;
		this.undecodable = undecodable;
	}

	void print(PrintStream out) {
		this.out = out;
		line("");
		line("======================== Recourse load benchmark: summary ========================");
		machine();
		if (this.ceiling != null) {
			ceiling();
		}
		this.phases.forEach(this::phase);
		verdicts();
		processes();
		memory();
		line("==================================================================================");
	}

	private void machine() {
		Machine.describe().forEach((fact, value) -> line("%-13s %s", fact, value));
		line("%-13s %s", "stack", this.stack.started()
				? "started by the benchmark (local-stack launcher, fresh data dir, per-client rate limit off"
						+ ((this.options.bcryptStrength != null) ? ", bcrypt strength " + this.options.bcryptStrength
								: ", bcrypt strength: service default")
						+ (this.options.serviceEnv.isEmpty() ? "" : ", env " + this.options.serviceEnv) + ")"
				: "attached to " + this.stack.intakeUrl + " (its settings as they are)");
		this.stack.processes()
			.forEach((name, pid) -> jvmOptions(pid).ifPresent((jvm) -> line("%-13s %s", "", name + ": " + jvm)));
		line("%-13s concurrency %d, warm-up %d s (fixed rates %d s), measured %d s per phase%s, 1 report in %d"
				+ " checked over HTTP", "load", this.options.concurrency, this.options.warmup.toSeconds(),
				this.options.rateWarmup.toSeconds(), this.options.duration.toSeconds(),
				(this.options.count > 0) ? " or " + this.options.count + " reports" : "", this.options.sampleEvery);
		StringBuilder loads = new StringBuilder(String.format(Locale.ROOT, "before %.1f", this.loadAtStart));
		List<Window> windows = windows();
		for (Window window : windows) {
			double[] range = window.loadRange();
			loads.append(String.format(Locale.ROOT, "; %s %.1f–%.1f (mean %.1f)", window.label, range[0], range[2],
					range[1]));
		}
		line("%-13s %s", "load average", loads + "  (1-minute, every 5 s of each measured window)");
		for (Window window : windows) {
			line("%-13s %s: %.0f %% of one core busy on the machine, of which other processes %.0f %%", "",
					window.label, 100 * window.machineBusySeconds / window.seconds,
					100 * window.otherCpuSeconds() / window.seconds);
		}
	}

	private void ceiling() {
		line("");
		line("Bare-store ceiling: per report 1 insert into the store + 1 Kafka produce (acks=all, idempotent),"
				+ " %d in flight", this.options.concurrency);
		line("  %.1f reports/s   latency %s   failures %d%s", this.ceiling.perSecond(),
				percentiles(this.ceiling.latency()), this.ceiling.failures(),
				(this.ceiling.firstFailure() != null) ? " (first: " + this.ceiling.firstFailure() + ")" : "");
	}

	private void phase(StackPhase phase) {
		line("");
		line("%s: %.0f s measured%s", capitalised(phase.name), phase.seconds(), (phase.rate != null)
				? String.format(Locale.ROOT, ", latencies from each report's intended send time") : "");
		line("  accepted       %d = %.1f/s of %d sent in the window%s   accept latency %s",
				phase.measuredAccepted.sum(), phase.measuredAccepted.sum() / phase.seconds(), phase.measuredSent.sum(),
				(phase.behind.sum() > 0) ? " (" + phase.behind.sum() + " due but never sent: rate not held)" : "",
				percentiles(phase.accept));
		Map<String, Long> others = phase.otherOutcomes();
		line("  not accepted   %s", others.isEmpty() ? "none" : others + " (whole phase, warm-up included)");
		others.keySet()
			.stream()
			.filter(phase.firstBodies::containsKey)
			.forEach((key) -> line("    first %s: %s", key, abbreviate(phase.firstBodies.get(key))));
		line("  end to end     pipeline finished %.1f reports/s during the window (any phase's reports)",
				phase.windowCompleted / phase.seconds());
		line("    submit → case routed (in the owner's queue)        %s", percentiles(phase.routed));
		line("    submit → reporter update \"received\" (END TO END) %s", percentiles(phase.e2e));
		line("    where the time goes: intake (submit → ReportSubmitted published)  %s", percentiles(phase.published));
		line("                         triage (→ CaseRouted)                        %s", percentiles(phase.triage));
		line("                         notification (→ ReporterUpdate \"received\")  %s",
				percentiles(phase.notification));
		line("    unfinished after the drain   %d of the measured reports (drain took %.0f s%s)", phase.unfinished,
				phase.drainSeconds,
				(phase.drainWindow != null)
						? String.format(Locale.ROOT, ", the pipeline alone finished %d reports = %.1f/s",
								phase.drainCompleted, phase.drainCompleted / phase.drainWindow.seconds)
						: "");
		if (this.options.sampleEvery > 0) {
			line("  HTTP check     %d sampled reports, %d seen on both APIs, %d failures%s; %d status and %d queue"
					+ " requests (each costs the service a bcrypt check)", phase.samples.sum(),
					phase.samplesChecked.sum(), phase.samplesFailed.sum(),
					phase.sampleFailures.isEmpty() ? "" : " " + phase.sampleFailures, phase.statusRequests.sum(),
					phase.queueRequests.sum());
			line("    status page showed \"received\" at the first look after the event: %d of %d; answered after"
					+ " the event in %s", phase.statusFirstLook.sum(), phase.statusLag.getTotalCount(),
					percentiles(phase.statusLag));
			line("    owner's queue listed the case at the first look after CaseRouted: %d of %d%s; answered after"
					+ " the event in %s", phase.queueFirstLook.sum(), phase.queueLag.getTotalCount(),
					(phase.queueOutOfOrder.sum() > 0)
							? " (" + phase.queueOutOfOrder.sum() + " not where the deadline order puts them)" : "",
					percentiles(phase.queueLag));
			line("    submit → both visible over HTTP (sampled reports)   %s", percentiles(phase.visibleE2e));
		}
	}

	private void verdicts() {
		line("");
		line("Targets (issue 9, 2-core machine)");
		StackPhase closed = this.phases.get(0);
		double accepted = closed.measuredAccepted.sum() / closed.seconds();
		if (this.ceiling == null) {
			line("  no ceiling measured (--skip-ceiling): no ratios");
		}
		else {
			double ceilingRate = this.ceiling.perSecond();
			line("  accept rate     %.1f/s = %.1f %% of the ceiling %.1f/s; target ≥ 60 %%: %s", accepted,
					100 * accepted / ceilingRate, ceilingRate, verdict(accepted, ACCEPT_TARGET * ceilingRate));
			StackPhase best = sustained();
			if (best == null) {
				line("  sustained e2e   no fixed rate was sustained with e2e p99 < 1 s; the closed loop's pipeline"
						+ " finished %.1f/s = %.1f %% of the ceiling; target ≥ 40 %%: NOT MET",
						closed.windowCompleted / closed.seconds(),
						100 * closed.windowCompleted / closed.seconds() / ceilingRate);
			}
			else {
				line("  sustained e2e   %.1f/s (e2e p99 %.0f ms) = %.1f %% of the ceiling; target ≥ 40 %% with p99 < 1 s:"
						+ " %s", best.rate, millis(best.e2e, 99), 100 * best.rate / ceilingRate,
						verdict(best.rate, E2E_TARGET * ceilingRate));
			}
		}
		for (StackPhase phase : this.phases) {
			if (phase.rate != null) {
				line("    at %-10s %s", phase.name.replace("fixed ", ""), keptUp(phase));
			}
		}
		heapVerdict();
	}

	/** The highest fixed rate sustained, or null. */
	private StackPhase sustained() {
		StackPhase best = null;
		for (StackPhase phase : this.phases) {
			if (phase.rate != null && sustained(phase) && (best == null || phase.rate > best.rate)) {
				best = phase;
			}
		}
		return best;
	}

	/** Sustained: kept up (below) with an end-to-end p99 under a second. */
	static boolean sustained(StackPhase phase) {
		return keptUp(phase).startsWith("kept up") && millis(phase.e2e, 99) < E2E_P99_MILLIS;
	}

	/**
	 * Kept up: every report due in the window was sent and accepted, the pipeline
	 * finished at least 90 % of the rate during the window, and every measured report
	 * finished end to end within the drain.
	 */
	static String keptUp(StackPhase phase) {
		double finished = phase.windowCompleted / phase.seconds();
		List<String> why = new ArrayList<>();
		if (phase.behind.sum() > 0) {
			why.add(phase.behind.sum() + " due reports never sent");
		}
		if (phase.measuredAccepted.sum() < phase.measuredSent.sum()) {
			why.add((phase.measuredSent.sum() - phase.measuredAccepted.sum()) + " not accepted");
		}
		if (finished < 0.9 * phase.rate) {
			why.add(String.format(Locale.ROOT, "pipeline finished only %.1f/s", finished));
		}
		if (phase.unfinished > 0) {
			why.add(phase.unfinished + " unfinished after the drain");
		}
		String latency = String.format(Locale.ROOT, "e2e p50 %.0f ms, p99 %.0f ms", millis(phase.e2e, 50),
				millis(phase.e2e, 99));
		return why.isEmpty() ? "kept up; " + latency : "did not keep up (" + String.join(", ", why) + "); " + latency;
	}

	/**
	 * Met when no service's heap in use exceeded 256 MiB at any scrape and garbage
	 * collection took under 10 % of every window (a heap that fits only by collecting all
	 * the time does not fit); a window whose scrapes a service did not answer is named.
	 */
	private void heapVerdict() {
		List<String> parts = new ArrayList<>();
		List<String> unanswered = new ArrayList<>();
		boolean met = true;
		for (String service : services()) {
			double used = 0;
			double limit = 0;
			double gcShare = 0;
			for (Window window : windows()) {
				ServiceJvms.Jvm start = window.jvmStart.get(service);
				ServiceJvms.Jvm end = window.jvmEnd.get(service);
				if (start == null || end == null) {
					unanswered.add(service + " (" + window.label + ")");
					continue;
				}
				limit = Math.max(limit, end.heapMax());
				gcShare = Math.max(gcShare, (end.gcSeconds() - start.gcSeconds()) / window.seconds);
				used = Math.max(used, window.maxHeapUsed.getOrDefault(service, 0.0));
			}
			met &= used / MIB <= HEAP_TARGET_MIB && gcShare < GC_SHARE_LIMIT;
			parts.add(String.format(Locale.ROOT, "%s %.0f of %.0f MiB (GC ≤ %.1f %%)", service.replace("-service", ""),
					used / MIB, limit / MIB, 100 * gcShare));
		}
		String verdict = parts.isEmpty() ? "NOT MEASURED (no scrape answered)"
				: !met ? "NOT MET" : unanswered.isEmpty() ? "MET" : "MET where measured; no answer from " + unanswered;
		line("  service heap    most in use at any scrape, of the limit: %s; target ≤ 256 MiB each (and GC < 10 %% of"
				+ " the time): %s", String.join(", ", parts), verdict);
	}

	private void processes() {
		List<Window> windows = windows();
		line("");
		line("CPU per process in each window: % of one core, and ms of CPU per report (ceiling: per ceiling report;"
				+ " load phases: per report accepted in the window; drains: per report finished, the pipeline alone;"
				+ " at low rates the idle background weighs: see the idle column)");
		StringBuilder header = new StringBuilder(String.format("  %-22s", "process"));
		windows.forEach((window) -> header.append(String.format(Locale.ROOT, "%26s", window.label)));
		line(header.toString());
		for (String name : processNames(windows)) {
			StringBuilder row = new StringBuilder(String.format("  %-22s", name));
			for (Window window : windows) {
				Double seconds = window.cpuSeconds.get(name);
				row.append((seconds == null) ? String.format("%26s", "–")
						: cell(100 * seconds / window.seconds, perReport(window, seconds)));
			}
			line(row.toString());
		}
		StringBuilder total = new StringBuilder(String.format("  %-22s", "all of the above"));
		StringBuilder other = new StringBuilder(String.format("  %-22s", "other processes"));
		StringBuilder count = new StringBuilder(String.format("  %-22s", "reports (per window)"));
		for (Window window : windows) {
			total
				.append(cell(100 * window.ourCpuSeconds() / window.seconds, perReport(window, window.ourCpuSeconds())));
			other.append(cell(100 * window.otherCpuSeconds() / window.seconds, null));
			count.append(String.format(Locale.ROOT, "%26s", Math.round(window.reports) + " " + window.reportsAre));
		}
		line(total.toString());
		line(other.toString());
		line(count.toString());
	}

	/** Milliseconds of CPU per report, or null for a window without reports. */
	private static Double perReport(Window window, double seconds) {
		return (window.reports < 1) ? null : 1000 * seconds / window.reports;
	}

	private static String cell(double percent, Double millis) {
		return (millis == null) ? String.format(Locale.ROOT, "%13.1f %%%11s", percent, "")
				: String.format(Locale.ROOT, "%13.1f %% %7.2f ms", percent, millis);
	}

	private void memory() {
		List<Window> windows = windows();
		line("");
		line("Heap and GC per service (Micrometer jvm_* metrics; sizes in MiB; GC during each measured window)");
		for (String service : services()) {
			for (Window window : windows) {
				ServiceJvms.Jvm start = window.jvmStart.getOrDefault(service, ServiceJvms.Jvm.NONE);
				ServiceJvms.Jvm end = window.jvmEnd.getOrDefault(service, ServiceJvms.Jvm.NONE);
				double gcSeconds = end.gcSeconds() - start.gcSeconds();
				line("  %-21s %-12s used max %5.0f  committed max %5.0f  of %5.0f  live after GC %5.0f   GC %5.0f"
						+ " collections, %6.2f s = %4.1f %% of the window", service, window.label,
						window.maxHeapUsed.getOrDefault(service, 0.0) / MIB,
						window.maxHeapCommitted.getOrDefault(service, 0.0) / MIB, end.heapMax() / MIB,
						end.liveAfterGc() / MIB, end.gcCount() - start.gcCount(), gcSeconds,
						100 * gcSeconds / window.seconds);
			}
		}
		line("Resident memory at the end of each window (VmRSS / peak VmHWM, MiB)");
		for (String name : processNames(windows)) {
			StringBuilder row = new StringBuilder(String.format("  %-22s", name));
			for (Window window : windows) {
				long[] rss = window.residentMiB.get(name);
				row.append((rss == null) ? String.format("%26s", "–")
						: String.format(Locale.ROOT, "%26s", rss[0] + " / " + rss[1]));
			}
			line(row.toString());
		}
		if (this.undecodable > 0) {
			line("(%d records on the watched topics could not be decoded and were skipped)", this.undecodable);
		}
	}

	private List<Window> windows() {
		List<Window> windows = new ArrayList<>();
		if (this.ceiling != null) {
			windows.add(this.ceiling.window());
		}
		for (StackPhase phase : this.phases) {
			if (phase.window != null) {
				windows.add(phase.window);
			}
			if (phase.drainWindow != null && phase.drainWindow.seconds >= MIN_DRAIN_SECONDS) {
				windows.add(phase.drainWindow);
			}
			if (phase == this.phases.get(0) && this.idle != null) {
				windows.add(this.idle);
			}
		}
		return windows;
	}

	private static Set<String> processNames(List<Window> windows) {
		Set<String> names = new LinkedHashSet<>();
		windows.forEach((window) -> names.addAll(window.pids.keySet()));
		names.remove("kafka-format");
		return names;
	}

	private List<String> services() {
		Set<String> names = new LinkedHashSet<>();
		windows().forEach((window) -> names.addAll(window.jvmEnd.keySet()));
		return List.copyOf(names);
	}

	private static java.util.Optional<String> jvmOptions(long pid) {
		return ProcessHandle.of(pid).flatMap((handle) -> handle.info().arguments()).map((arguments) -> {
			List<String> jvm = new ArrayList<>();
			for (String argument : arguments) {
				if (argument.equals("-jar") || argument.equals("-cp") || !argument.startsWith("-")) {
					break;
				}
				if (!argument.startsWith("-Dlog4j")) {
					jvm.add(argument);
				}
			}
			return String.join(" ", jvm);
		}).filter((jvm) -> !jvm.isEmpty());
	}

	private static String verdict(double value, double target) {
		return (value >= target) ? "MET" : String.format(Locale.ROOT, "NOT MET (%.1f × short of %.1f/s)",
				target / Math.max(value, 1e-9), target);
	}

	static String percentiles(Histogram histogram) {
		if (histogram.getTotalCount() == 0) {
			return "no values";
		}
		return String.format(Locale.ROOT, "ms p50 %.1f  p95 %.1f  p99 %.1f  max %.1f  (n=%d)", millis(histogram, 50),
				millis(histogram, 95), millis(histogram, 99), histogram.getMaxValue() / 1000.0,
				histogram.getTotalCount());
	}

	static double millis(Histogram histogram, double percentile) {
		return (histogram.getTotalCount() == 0) ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
	}

	private static String capitalised(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

	private static String abbreviate(String text) {
		String line = String.valueOf(text).replaceAll("\\s+", " ");
		return (line.length() > 200) ? line.substring(0, 200) + "…" : line;
	}

	private void line(String format, Object... arguments) {
		this.out.println((arguments.length == 0) ? format : String.format(Locale.ROOT, format, arguments));
	}

}
