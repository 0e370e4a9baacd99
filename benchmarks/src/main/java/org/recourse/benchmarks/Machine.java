package org.recourse.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What Linux's {@code /proc} says about this machine and the processes measured: CPU time
 * per process and for the whole machine (to tell how much other processes took), resident
 * memory, the load average. Reading these files costs next to nothing, so they can be
 * read during a measurement.
 */
final class Machine {

	/**
	 * Clock ticks per second of {@code /proc/<pid>/stat}; 100 on every Linux we run on.
	 */
	static final double TICKS_PER_SECOND = 100;

	private Machine() {
	}

	/** CPU seconds (user + system) a process has used so far, or -1 once it is gone. */
	static double cpuSeconds(long pid) {
		String stat = read(Path.of("/proc", String.valueOf(pid), "stat"));
		if (stat == null) {
			return -1;
		}
		// the command name (field 2) may hold spaces: count fields after its closing ')'
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
	}

	/** Busy and total CPU seconds of the whole machine so far (all cores). */
	static double[] machineSeconds() {
		String[] cpu = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
		long total = 0;
		for (int i = 1; i <= 8 && i < cpu.length; i++) {
			total += Long.parseLong(cpu[i]);
		}
		long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
		return new double[] { (total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND };
	}

	/**
	 * {@code VmRSS} and {@code VmHWM} (peak) of a process in MiB, or null once it is
	 * gone.
	 */
	static long[] residentMiB(long pid) {
		String status = read(Path.of("/proc", String.valueOf(pid), "status"));
		if (status == null) {
			return null;
		}
		long[] kib = new long[2];
		status.lines().forEach((line) -> {
			if (line.startsWith("VmRSS:")) {
				kib[0] = kib(line);
			}
			else if (line.startsWith("VmHWM:")) {
				kib[1] = kib(line);
			}
		});
		return new long[] { kib[0] / 1024, kib[1] / 1024 };
	}

	/** The 1-minute load average. */
	static double loadAverage() {
		return Double.parseDouble(read(Path.of("/proc/loadavg")).split(" ")[0]);
	}

	static int cores() {
		return Runtime.getRuntime().availableProcessors();
	}

	/** One line per fact: cores, CPU model, memory, JDK, kernel. */
	static Map<String, String> describe() {
		Map<String, String> facts = new LinkedHashMap<>();
		String cpuinfo = read(Path.of("/proc/cpuinfo"));
		String model = (cpuinfo == null) ? "?"
				: cpuinfo.lines()
					.filter((line) -> line.startsWith("model name"))
					.findFirst()
					.map((line) -> line.substring(line.indexOf(':') + 1).trim())
					.orElse("?");
		facts.put("cores", cores() + " (" + model + ")");
		String meminfo = read(Path.of("/proc/meminfo"));
		long totalKib = (meminfo == null) ? 0
				: meminfo.lines().filter((line) -> line.startsWith("MemTotal:")).mapToLong(Machine::kib).sum();
		facts.put("memory", String.format(Locale.ROOT, "%.1f GiB", totalKib / 1024.0 / 1024));
		facts.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		facts.put("OS", System.getProperty("os.name") + " " + System.getProperty("os.version"));
		return facts;
	}

	private static long kib(String line) {
		List<String> parts = List.of(line.trim().split("\\s+"));
		return Long.parseLong(parts.get(1));
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			return null;
		}
	}

}
