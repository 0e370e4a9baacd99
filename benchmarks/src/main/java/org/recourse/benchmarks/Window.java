package org.recourse.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * What the machine did during one measured window: CPU seconds of every process of the
 * stack and of this benchmark, of the whole machine (the rest is other processes), the
 * load average every 5 s, and each service's JVM (heap, GC) every 15 s, with each
 * process's resident memory at the end.
 */
final class Window implements AutoCloseable {

	static final String CLIENT = "benchmark client";

	final String label;

	final Map<String, Long> pids = new LinkedHashMap<>();

	final Map<String, Double> cpuSeconds = new LinkedHashMap<>();

	final Map<String, long[]> residentMiB = new LinkedHashMap<>();

	final List<Double> loads = new ArrayList<>();

	volatile Map<String, ServiceJvms.Jvm> jvmStart = Map.of();

	Map<String, ServiceJvms.Jvm> jvmEnd = Map.of();

	final Map<String, Double> maxHeapUsed = new LinkedHashMap<>();

	final Map<String, Double> maxHeapCommitted = new LinkedHashMap<>();

	double seconds;

	/** What the CPU is divided by: reports accepted, or finished, in the window. */
	double reports;

	String reportsAre;

	double machineBusySeconds;

	private final long startNanos;

	private final Map<String, Double> cpuAtStart = new LinkedHashMap<>();

	private final double[] machineAtStart;

	private final ServiceJvms jvms;

	private final ScheduledExecutorService loadSampler = daemon("load-sampler");

	/**
	 * Scrapes run here, one after the other: on a loaded machine one can take seconds.
	 */
	private final ScheduledExecutorService scraper = daemon("jvm-scraper");

	Window(String label, StackUnderTest stack, ServiceJvms jvms) {
		this.label = label;
		this.jvms = jvms;
		this.pids.putAll(stack.processes());
		this.pids.put(CLIENT, ProcessHandle.current().pid());
		this.pids.forEach((name, pid) -> this.cpuAtStart.put(name, Machine.cpuSeconds(pid)));
		this.machineAtStart = Machine.machineSeconds();
		this.startNanos = System.nanoTime();
		this.loadSampler.scheduleAtFixedRate(() -> {
			synchronized (this.loads) {
				this.loads.add(Machine.loadAverage());
			}
		}, 0, 5, TimeUnit.SECONDS);
		this.scraper.execute(() -> {
			this.jvmStart = jvms.scrape();
			this.jvmStart.forEach(this::noteHeap);
		});
		this.scraper.scheduleAtFixedRate(() -> jvms.scrape().forEach(this::noteHeap), 15, 15, TimeUnit.SECONDS);
	}

	private static ScheduledExecutorService daemon(String name) {
		return Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
	}

	private synchronized void noteHeap(String service, ServiceJvms.Jvm jvm) {
		this.maxHeapUsed.merge(service, jvm.heapUsed(), Math::max);
		this.maxHeapCommitted.merge(service, jvm.heapCommitted(), Math::max);
	}

	@Override
	public void close() {
		double[] machine = Machine.machineSeconds();
		long now = System.nanoTime();
		this.seconds = (now - this.startNanos) / 1e9;
		this.pids.forEach((name, pid) -> {
			double cpu = Machine.cpuSeconds(pid);
			double before = this.cpuAtStart.getOrDefault(name, -1.0);
			if (cpu >= 0 && before >= 0) {
				this.cpuSeconds.put(name, cpu - before);
			}
		});
		this.machineBusySeconds = machine[0] - this.machineAtStart[0];
		this.loadSampler.shutdownNow();
		this.scraper.shutdown();
		try {
			// the start scrape and a periodic one under way finish first; later periodic
			// ones are cancelled
			this.scraper.awaitTermination(2, TimeUnit.MINUTES);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.jvmEnd = this.jvms.scrape();
		this.jvmEnd.forEach(this::noteHeap);
		this.pids.forEach((name, pid) -> {
			long[] rss = Machine.residentMiB(pid);
			if (rss != null) {
				this.residentMiB.put(name, rss);
			}
		});
	}

	/** CPU of every process measured, summed, in seconds. */
	double ourCpuSeconds() {
		return this.cpuSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
	}

	/** CPU that other processes on the machine took, in seconds. */
	double otherCpuSeconds() {
		return Math.max(0, this.machineBusySeconds - ourCpuSeconds());
	}

	double[] loadRange() {
		synchronized (this.loads) {
			double min = this.loads.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
			double max = this.loads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
			double mean = this.loads.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
			return new double[] { min, mean, max };
		}
	}

}
