package org.recourse.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of named processes (and of this one, the client) over the measured window,
 * from Linux's {@code /proc/<pid>/stat} (user + system time) and {@code /proc/stat} (the
 * whole machine), so that the CPU per accepted report is taken over exactly the window in
 * which the reports were counted. Elsewhere than on Linux it measures nothing.
 */
final class CpuAccounting {

	static final String CLIENT = "benchmark-client";

	private final Map<String, Long> pids;

	private final double ticksPerSecond;

	private Snapshot start;

	private Snapshot end;

	/** {@code pids} by name; the client is added as {@value #CLIENT}. */
	CpuAccounting(Map<String, Long> pids, double ticksPerSecond) {
		this.pids = new LinkedHashMap<>(pids);
		this.pids.put(CLIENT, ProcessHandle.current().pid());
		this.ticksPerSecond = ticksPerSecond;
	}

	synchronized void start() {
		this.start = snapshot();
	}

	synchronized void end() {
		if (this.start != null && this.end == null) {
			this.end = snapshot();
		}
	}

	/** The window's figures, or null if it was not measured. */
	synchronized Usage usage(long accepted) {
		if (this.start == null || this.end == null) {
			return null;
		}
		double seconds = (this.end.nanos() - this.start.nanos()) / 1e9;
		Map<String, Double> cpuSeconds = new LinkedHashMap<>();
		this.pids.keySet().forEach((name) -> {
			Long before = this.start.ticks().get(name);
			Long after = this.end.ticks().get(name);
			if (before != null && after != null) {
				cpuSeconds.put(name, (after - before) / this.ticksPerSecond);
			}
		});
		long machineAll = this.end.machineAll() - this.start.machineAll();
		double machineBusy = (machineAll > 0) ? (this.end.machineBusy() - this.start.machineBusy())
				/ (double) machineAll * Runtime.getRuntime().availableProcessors() * seconds : 0;
		Map<String, Map<String, Double>> threads = new LinkedHashMap<>();
		this.end.threads().forEach((name, after) -> {
			Map<String, Long> before = this.start.threads().getOrDefault(name, Map.of());
			Map<String, Double> groups = new LinkedHashMap<>();
			after.forEach((group, ticks) -> {
				double delta = (ticks - before.getOrDefault(group, 0L)) / this.ticksPerSecond;
				if (delta > 0) {
					groups.put(group, delta);
				}
			});
			threads.put(name, groups);
		});
		return new Usage(seconds, accepted, cpuSeconds, threads, machineBusy);
	}

	private Snapshot snapshot() {
		Map<String, Long> ticks = new LinkedHashMap<>();
		this.pids.forEach((name, pid) -> {
			long value = processTicks(pid);
			if (value >= 0) {
				ticks.put(name, value);
			}
		});
		Map<String, Map<String, Long>> threads = new LinkedHashMap<>();
		this.pids.forEach((name, pid) -> threads.put(name, threadTicks(pid)));
		long[] machine = machineTicks();
		return new Snapshot(System.nanoTime(), ticks, threads, machine[0], machine[1]);
	}

	/** utime + stime of a process, or -1 when it cannot be read. */
	private static long processTicks(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
			// the command name (field 2) may hold spaces: count fields after its ")"
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		}
		catch (IOException | RuntimeException ex) {
			return -1;
		}
	}

	/** {busy, all} ticks of the whole machine, or zeros. */
	private static long[] machineTicks() {
		try {
			String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long all = 0;
			for (int i = 1; i <= 8 && i < cpu.length; i++) {
				all += Long.parseLong(cpu[i]);
			}
			long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
			return new long[] { all - idle, all };
		}
		catch (IOException | RuntimeException ex) {
			return new long[] { 0, 0 };
		}
	}

	/**
	 * CPU ticks of a process's threads by group: the thread's name (as the kernel keeps
	 * it, 15 characters) with its numbers and port dropped, so that the request threads,
	 * the JIT compilers, the GC, the Kafka consumers and so on each add up.
	 */
	private static Map<String, Long> threadTicks(long pid) {
		Map<String, Long> groups = new java.util.TreeMap<>();
		try (var tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
			tasks.forEach((task) -> {
				try {
					String stat = Files.readString(task.resolve("stat"));
					String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
					String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
					long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
					groups.merge(group(name), ticks, Long::sum);
				}
				catch (IOException | RuntimeException ex) {
					// the thread ended meanwhile
				}
			});
		}
		catch (IOException | RuntimeException ex) {
			// the process ended
		}
		return groups;
	}

	static String group(String threadName) {
		String group = threadName.replaceAll("[0-9]+", "#").replaceAll("#(-#)+", "#");
		return group.strip();
	}

	private record Snapshot(long nanos, Map<String, Long> ticks, Map<String, Map<String, Long>> threads,
			long machineBusy, long machineAll) {
	}

	/** CPU seconds per process over a window of {@code seconds}. */
	record Usage(double seconds, long accepted, Map<String, Double> cpuSeconds,
			Map<String, Map<String, Double>> threadSeconds, double machineBusySeconds) {

		double stackSeconds() {
			return this.cpuSeconds.entrySet()
				.stream()
				.filter((entry) -> !CLIENT.equals(entry.getKey()))
				.mapToDouble(Map.Entry::getValue)
				.sum();
		}

		/**
		 * CPU of the JIT compiler threads of the stack's processes (warm-up not over
		 * yet).
		 */
		double stackCompilerSeconds() {
			return this.threadSeconds.entrySet()
				.stream()
				.filter((process) -> !CLIENT.equals(process.getKey()))
				.flatMap((process) -> process.getValue().entrySet().stream())
				.filter((group) -> group.getKey().startsWith("C# CompilerThre"))
				.mapToDouble(Map.Entry::getValue)
				.sum();
		}

		double clientSeconds() {
			return this.cpuSeconds.getOrDefault(CLIENT, 0.0);
		}

		double perReportMillis(double cpuSeconds) {
			return (this.accepted > 0) ? cpuSeconds * 1000 / this.accepted : 0;
		}

		double othersPercent() {
			return (this.machineBusySeconds - this.stackSeconds() - this.clientSeconds()) / this.seconds * 100;
		}

		void print(PrintStream out) {
			out.printf(Locale.ROOT,
					"CPU in the window  %.1f s, %d accepted; %% of one core (of %d), and ms per accepted report"
							+ " (target budget: 2 ms in all)%n",
					this.seconds, this.accepted, Runtime.getRuntime().availableProcessors());
			this.cpuSeconds.forEach((name, cpu) -> line(out, name, cpu));
			line(out, "= the stack", stackSeconds());
			line(out, "  of which JIT compilers", stackCompilerSeconds());
			line(out, "= stack + client", stackSeconds() + clientSeconds());
			out.printf(Locale.ROOT, "  %-24s %7.1f%%%n", "other processes", othersPercent());
			out.println(
					"CPU by thread group (threads that used at least 2% of the process's CPU; ms per accepted report)");
			this.threadSeconds.forEach((name, groups) -> {
				double total = this.cpuSeconds.getOrDefault(name, 0.0);
				StringBuilder line = new StringBuilder();
				groups.entrySet()
					.stream()
					.filter((group) -> total > 0 && group.getValue() >= total * 0.02)
					.sorted(Map.Entry.<String, Double>comparingByValue().reversed())
					.forEach((group) -> line.append(String.format(Locale.ROOT, "%s %.2f; ", group.getKey(),
							perReportMillis(group.getValue()))));
				if (!line.isEmpty()) {
					out.printf(Locale.ROOT, "  %-22s %s%n", name, line);
				}
			});
		}

		private void line(PrintStream out, String name, double cpu) {
			out.printf(Locale.ROOT, "  %-24s %7.1f%% %9.2f ms%n", name, cpu / this.seconds * 100, perReportMillis(cpu));
		}

	}

}
