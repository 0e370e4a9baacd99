package org.recourse.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleHttpResponse;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.async.MinimalHttpAsyncClient;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http2.HttpVersionPolicy;
import org.apache.hc.core5.http2.config.H2Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * Drives {@code POST /api/v1/reports} at a fixed concurrency and reports accepted
 * submissions per second and latency percentiles.
 * <p>
 * Without {@code --rate} it runs a closed loop: each of the {@code --concurrency}
 * connections carries its next report as soon as the previous one is answered (maximum
 * throughput). With {@code --rate} it runs open loop on a fixed schedule: request
 * {@code i} is due at {@code start + i / rate}, and its latency is measured from that due
 * time, not from when a free connection got round to sending it, so queueing behind slow
 * answers counts (no coordinated omission). At most {@code --concurrency} requests are in
 * flight in either mode.
 * <p>
 * The client is meant to run on the same machine as the stack, so it is kept lean: an
 * asynchronous HTTP/1.1 client (Apache HttpClient 5, minimal, one I/O thread, keep-alive
 * connections) and request bodies made before the run ({@link ReportBodies}, each sent
 * with its own {@code Idempotency-Key}, so every request is a new report). It measures
 * its own CPU time during the window and prints it, so that it can be told apart from the
 * stack's.
 * <p>
 * Only {@code 201 Created} counts as accepted. The first {@code --warmup} seconds are
 * sent but not measured: the services' JIT needs them.
 */
public final class SubmitBenchmark {

	private static final Timeout REQUEST_TIMEOUT = Timeout.ofSeconds(30);

	/** How late a request due before the end may still be sent after the end. */
	private static final long LATE = TimeUnit.MILLISECONDS.toNanos(5);

	private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);

	/** Distinct report bodies made before the run and sent in turn. */
	private static final int BODIES = 4096;

	private final Options options;

	private final URI endpoint;

	private final MinimalHttpAsyncClient client;

	private final byte[][] bodies;

	private final String keyPrefix;

	private final AtomicLong sequence = new AtomicLong();

	private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

	private final Map<String, String> firstBodies = new ConcurrentHashMap<>();

	private final LongAdder accepted = new LongAdder();

	private final LongAdder acceptedTotal = new LongAdder();

	private final LongAdder sentTotal = new LongAdder();

	private final LongAdder otherTotal = new LongAdder();

	private final LongAdder missed = new LongAdder();

	private final Histogram histogram = new Histogram(HIGHEST_MICROS, 3);

	private final CpuAccounting cpu;

	private volatile long measureFrom;

	private volatile long measureUntil;

	private SubmitBenchmark(Options options) {
		this.options = options;
		this.endpoint = URI.create(stripSlash(options.url()) + "/api/v1/reports");
		ReportBodies maker = new ReportBodies();
		this.bodies = new byte[BODIES][];
		for (int i = 0; i < BODIES; i++) {
			this.bodies[i] = maker.next();
		}
		this.cpu = new CpuAccounting(options.watch(), options.clockTicks());
		this.keyPrefix = "bench-" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + "-";
		this.client = HttpAsyncClients.createMinimal(HttpVersionPolicy.FORCE_HTTP_1, H2Config.DEFAULT,
				Http1Config.DEFAULT, IOReactorConfig.custom().setIoThreadCount(1).build(),
				PoolingAsyncClientConnectionManagerBuilder.create()
					.setMaxConnTotal(options.concurrency())
					.setMaxConnPerRoute(options.concurrency())
					.setDefaultConnectionConfig(ConnectionConfig.custom()
						.setConnectTimeout(Timeout.ofSeconds(5))
						.setSocketTimeout(REQUEST_TIMEOUT)
						.build())
					.build());
	}

	public static void main(String[] args) throws InterruptedException {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(Options.USAGE);
			System.exit(2);
			return;
		}
		if (options == null) {
			System.out.println(Options.USAGE);
			return;
		}
		SubmitBenchmark benchmark = new SubmitBenchmark(options);
		Result result;
		try {
			result = benchmark.run();
		}
		finally {
			benchmark.client.close(CloseMode.GRACEFUL);
		}
		result.print(System.out);
		System.exit((result.accepted() > 0) ? 0 : 1);
	}

	private Result run() throws InterruptedException {
		say(String.format(Locale.ROOT, "POST %s, %s, concurrency %d, warm-up %d s, measuring %d s", this.endpoint,
				(this.options.rate() != null) ? String.format(Locale.ROOT,
						"fixed rate %.1f/s (latency from the intended send time)", this.options.rate())
						: "closed loop (max throughput)",
				this.options.concurrency(), this.options.warmup().toSeconds(), this.options.duration().toSeconds()));
		this.client.start();
		long start = System.nanoTime();
		this.measureFrom = start + this.options.warmup().toNanos();
		this.measureUntil = this.measureFrom + this.options.duration().toNanos();
		ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "progress");
			thread.setDaemon(true);
			return thread;
		});
		long[] last = { start, 0 };
		timer.scheduleAtFixedRate(() -> {
			long now = System.nanoTime();
			long total = this.acceptedTotal.sum();
			double rate = (total - last[1]) / ((now - last[0]) / 1e9);
			String phase = (last[0] < this.measureFrom) ? "warm-up" : "measuring";
			last[0] = now;
			last[1] = total;
			say(String.format(Locale.ROOT, "%4.0f s %-9s %8.1f accepted/s   sent %d, accepted %d, not accepted %d",
					(now - start) / 1e9, phase, rate, this.sentTotal.sum(), total, this.otherTotal.sum()));
		}, 10, 10, TimeUnit.SECONDS);
		long[] cpuFrom = { cpuNanos() };
		timer.schedule(() -> {
			this.cpu.start();
			cpuFrom[0] = cpuNanos();
			say("warm-up done, measuring");
		}, Math.max(0, this.measureFrom - System.nanoTime()), TimeUnit.NANOSECONDS);
		timer.schedule(this.cpu::end, this.measureUntil - System.nanoTime(), TimeUnit.NANOSECONDS);
		CountDownLatch finished = new CountDownLatch(this.options.concurrency());
		if (this.options.rate() != null) {
			fixedRate(start, finished);
		}
		else {
			for (int i = 0; i < this.options.concurrency(); i++) {
				closedLoop(finished);
			}
		}
		finished.await();
		this.cpu.end();
		double clientCpu = (cpuNanos() - cpuFrom[0]) / (double) (System.nanoTime() - this.measureFrom);
		say("measurement done");
		timer.shutdownNow();
		Map<String, Long> errors = snapshot();
		long warmupErrors = this.otherTotal.sum() - errors.values().stream().mapToLong(Long::longValue).sum();
		Histogram all;
		synchronized (this.histogram) {
			all = this.histogram.copy();
		}
		long accepted = this.accepted.sum();
		return new Result(this.options, accepted, all, errors, warmupErrors, this.firstBodies, this.missed.sum(),
				clientCpu, this.cpu.usage(accepted));
	}

	/**
	 * One of the closed loop's connections: sends a report, and from the answer's
	 * callback the next one, until the window ends.
	 */
	private void closedLoop(CountDownLatch finished) {
		long sent = System.nanoTime();
		if (sent >= this.measureUntil) {
			finished.countDown();
			return;
		}
		send((outcome) -> {
			if (sent >= this.measureFrom) {
				record(outcome, System.nanoTime() - sent);
			}
			closedLoop(finished);
		});
	}

	/**
	 * Sends request {@code i} at {@code start + i / rate}, once one of the
	 * {@code --concurrency} slots is free, and measures it from that intended time.
	 */
	private void fixedRate(long start, CountDownLatch finished) throws InterruptedException {
		Semaphore slots = new Semaphore(this.options.concurrency());
		double intervalNanos = 1e9 / this.options.rate();
		for (long ticket = 0;; ticket++) {
			long intended = start + (long) (ticket * intervalNanos);
			if (intended >= this.measureUntil) {
				break;
			}
			long now;
			while ((now = System.nanoTime()) < intended) {
				LockSupport.parkNanos(intended - now);
			}
			slots.acquire();
			now = System.nanoTime();
			if (now >= this.measureUntil && now - intended > LATE) {
				// so far behind schedule that this request, due in the window, could not
				// be sent in it: counted as "behind" in the result
				this.missed.increment();
				slots.release();
				continue;
			}
			send((outcome) -> {
				if (intended >= this.measureFrom) {
					record(outcome, System.nanoTime() - intended);
				}
				slots.release();
			});
		}
		// every request in flight has answered once all the slots are back
		slots.acquire(this.options.concurrency());
		for (int i = 0; i < this.options.concurrency(); i++) {
			finished.countDown();
		}
	}

	private void record(String outcome, long nanos) {
		synchronized (this.histogram) {
			this.histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000)));
		}
		if ("201".equals(outcome)) {
			this.accepted.increment();
		}
		else {
			this.outcomes.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
		}
	}

	/**
	 * Sends the next report; {@code answered} gets the status code or the failure's name.
	 */
	private void send(Consumer<String> answered) {
		long number = this.sequence.getAndIncrement();
		SimpleHttpRequest request = SimpleRequestBuilder.post(this.endpoint)
			.setHeader("Accept", "application/json")
			.setHeader("Idempotency-Key", this.keyPrefix + number)
			.setBody(this.bodies[(int) (number % BODIES)], ContentType.APPLICATION_JSON)
			.build();
		this.sentTotal.increment();
		this.client.execute(request, new FutureCallback<>() {

			@Override
			public void completed(SimpleHttpResponse response) {
				int code = response.getCode();
				if (code == 201) {
					SubmitBenchmark.this.acceptedTotal.increment();
				}
				else {
					SubmitBenchmark.this.otherTotal.increment();
					SubmitBenchmark.this.firstBodies.putIfAbsent(String.valueOf(code), response.getBodyText());
				}
				answered.accept(String.valueOf(code));
			}

			@Override
			public void failed(Exception ex) {
				SubmitBenchmark.this.otherTotal.increment();
				String name = ex.getClass().getSimpleName();
				SubmitBenchmark.this.firstBodies.putIfAbsent(name, String.valueOf(ex.getMessage()));
				answered.accept(name);
			}

			@Override
			public void cancelled() {
				SubmitBenchmark.this.otherTotal.increment();
				answered.accept("cancelled");
			}

		});
	}

	/** CPU time this JVM has used so far (all threads), in nanoseconds. */
	private static long cpuNanos() {
		return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	private Map<String, Long> snapshot() {
		Map<String, Long> counts = new TreeMap<>();
		this.outcomes.forEach((key, count) -> counts.put(key, count.sum()));
		return counts;
	}

	private static String stripSlash(String url) {
		return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
	}

	static void say(String line) {
		System.out.println("[benchmark] " + line);
	}

	/** What the command line asked for. */
	record Options(String url, int concurrency, Duration duration, Duration warmup, Double rate,
			Map<String, Long> watch, double clockTicks) {

		static final String USAGE = """
				Usage: SubmitBenchmark [--url URL] [--concurrency N] [--duration SECONDS] [--warmup SECONDS] [--rate PER_SECOND]
				  --url          intake base URL (default http://localhost:8080)
				  --concurrency  concurrent requests (default 16)
				  --duration     measured seconds (default 60)
				  --warmup       unmeasured seconds first, for the JIT (default 60)
				  --rate         fixed target rate per second, open loop; without it: closed loop, max throughput
				  --watch        name=pid,name=pid,... processes whose CPU per accepted report to measure (Linux /proc)
				  --clock-ticks  ticks per second of /proc's CPU times (getconf CLK_TCK; default 100)""";

		/** The options, or null when help was asked for. */
		static Options parse(String[] args) {
			Parsed parsed = new Parsed();
			return CommandLine.parse(args, Set.of(), parsed::set) ? parsed.options() : null;
		}

		private static Map<String, Long> processes(String value) {
			Map<String, Long> processes = new LinkedHashMap<>();
			for (String entry : value.split(",")) {
				int equals = entry.indexOf('=');
				if (equals < 1) {
					throw new IllegalArgumentException("--watch takes name=pid pairs separated by commas: " + entry);
				}
				processes.put(entry.substring(0, equals).strip(), Long.valueOf(entry.substring(equals + 1).strip()));
			}
			return processes;
		}

		/** The options read so far, with their defaults. */
		private static final class Parsed {

			private String url = "http://localhost:8080";

			private int concurrency = 16;

			private long duration = 60;

			private long warmup = 60;

			private Double rate;

			private final Map<String, Long> watch = new LinkedHashMap<>();

			private double clockTicks = 100;

			void set(String name, String value) {
				switch (name) {
					case "--url" -> this.url = value;
					case "--concurrency" -> this.concurrency = Integer.parseInt(value);
					case "--duration" -> this.duration = Long.parseLong(value);
					case "--warmup" -> this.warmup = Long.parseLong(value);
					case "--rate" -> this.rate = Double.valueOf(value);
					case "--watch" -> this.watch.putAll(processes(value));
					case "--clock-ticks" -> this.clockTicks = Double.parseDouble(value);
					default -> throw new IllegalArgumentException("Unknown option " + name);
				}
			}

			Options options() {
				if (this.concurrency < 1 || this.duration < 1 || this.warmup < 0
						|| (this.rate != null && !(this.rate > 0))) {
					throw new IllegalArgumentException(
							"concurrency and duration must be at least 1, warmup at least 0, rate above 0");
				}
				return new Options(this.url, this.concurrency, Duration.ofSeconds(this.duration),
						Duration.ofSeconds(this.warmup), this.rate, this.watch, this.clockTicks);
			}

		}

	}

	/** The measured window's figures. */
	record Result(Options options, long accepted, Histogram latency, Map<String, Long> errors, long warmupErrors,
			Map<String, String> firstBodies, long behind, double clientCpu, CpuAccounting.Usage usage) {

		void print(java.io.PrintStream out) {
			double seconds = this.options.duration().toNanos() / 1e9;
			double rate = this.accepted / seconds;
			long errorCount = this.errors.values().stream().mapToLong(Long::longValue).sum();
			out.println();
			out.println("=== Submit benchmark: "
					+ ((this.options.rate() != null)
							? String.format(Locale.ROOT, "fixed rate %.1f/s", this.options.rate()) : "closed loop")
					+ ", concurrency " + this.options.concurrency() + ", " + this.options.duration().toSeconds()
					+ " s measured after " + this.options.warmup().toSeconds() + " s warm-up ===");
			out.printf(Locale.ROOT, "accepted (201)     %d  =  %.1f accepted/s%n", this.accepted, rate);
			out.printf(Locale.ROOT, "latency ms         p50 %.2f   p95 %.2f   p99 %.2f   max %.2f   (%d requests)%n",
					millis(50), millis(95), millis(99), this.latency.getMaxValue() / 1000.0,
					this.latency.getTotalCount());
			out.println("other outcomes     " + (this.errors.isEmpty() ? "none" : this.errors));
			this.errors.keySet()
				.stream()
				.filter(this.firstBodies::containsKey)
				.forEach((key) -> out.println("  first " + key + ": " + abbreviate(this.firstBodies.get(key))));
			if (this.warmupErrors > 0) {
				out.println("not accepted       " + this.warmupErrors + " more during the warm-up (not measured)");
			}
			out.printf(Locale.ROOT, "client CPU         %.0f%% of one core (this benchmark's JVM, same machine)%n",
					this.clientCpu * 100);
			if (this.behind > 0) {
				out.println("behind schedule    " + this.behind
						+ " due requests never sent: the target rate was not sustained");
			}
			if (this.usage != null) {
				this.usage.print(out);
			}
			out.printf(Locale.ROOT,
					"RESULT mode=%s concurrency=%d accepted=%d accepted_per_s=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f"
							+ " max_ms=%.2f errors=%d behind=%d client_cpu_pct=%.0f",
					(this.options.rate() != null) ? "fixed-rate" : "closed-loop", this.options.concurrency(),
					this.accepted, rate, millis(50), millis(95), millis(99), this.latency.getMaxValue() / 1000.0,
					errorCount, this.behind, this.clientCpu * 100);
			if (this.usage != null) {
				out.printf(Locale.ROOT,
						" stack_cpu_ms_per_report=%.2f stack_jit_ms_per_report=%.2f client_cpu_ms_per_report=%.2f"
								+ " other_cpu_pct=%.0f",
						this.usage.perReportMillis(this.usage.stackSeconds()),
						this.usage.perReportMillis(this.usage.stackCompilerSeconds()),
						this.usage.perReportMillis(this.usage.clientSeconds()), this.usage.othersPercent());
			}
			out.println();
		}

		private double millis(double percentile) {
			return this.latency.getValueAtPercentile(percentile) / 1000.0;
		}

		private static String abbreviate(String text) {
			if (text == null) {
				return "";
			}
			String line = text.replaceAll("\\s+", " ");
			return (line.length() > 300) ? line.substring(0, 300) + "…" : line;
		}

	}

}
