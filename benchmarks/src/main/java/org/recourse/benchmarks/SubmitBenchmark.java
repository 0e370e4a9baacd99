package org.recourse.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;

/**
 * Drives {@code POST /api/v1/reports} at a fixed concurrency and reports accepted
 * submissions per second and latency percentiles.
 * <p>
 * Without {@code --rate} it runs a closed loop: each of the {@code --concurrency} workers
 * sends its next report as soon as the previous one is answered (maximum throughput).
 * With {@code --rate} it runs open loop on a fixed schedule: request {@code i} is due at
 * {@code start + i / rate}, and its latency is measured from that due time, not from when
 * a busy worker got round to sending it, so queueing behind slow answers counts (no
 * coordinated omission).
 * <p>
 * Only {@code 201 Created} counts as accepted. The first {@code --warmup} seconds are
 * sent but not measured: the services' JIT needs them.
 */
public final class SubmitBenchmark {

	private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

	/** How late a request due before the end may still be sent after the end. */
	private static final long LATE = TimeUnit.MILLISECONDS.toNanos(5);

	private static final long HIGHEST_MICROS = TimeUnit.SECONDS.toMicros(120);

	private final Options options;

	private final URI endpoint;

	private final HttpClient client;

	private final ReportBodies bodies = new ReportBodies();

	private final Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();

	private final Map<String, String> firstBodies = new ConcurrentHashMap<>();

	private final LongAdder accepted = new LongAdder();

	private final LongAdder acceptedTotal = new LongAdder();

	private final LongAdder sentTotal = new LongAdder();

	private final LongAdder otherTotal = new LongAdder();

	private final AtomicLong tickets = new AtomicLong();

	private final LongAdder missed = new LongAdder();

	private final List<Histogram> histograms = new ArrayList<>();

	private volatile long measureFrom;

	private volatile long measureUntil;

	private SubmitBenchmark(Options options) {
		this.options = options;
		this.endpoint = URI.create(stripSlash(options.url()) + "/api/v1/reports");
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
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
		Result result = new SubmitBenchmark(options).run();
		result.print(System.out);
		System.exit((result.accepted() > 0) ? 0 : 1);
	}

	private Result run() throws InterruptedException {
		say(String.format(Locale.ROOT, "POST %s, %s, concurrency %d, warm-up %d s, measuring %d s", this.endpoint,
				(this.options.rate() != null) ? String.format(Locale.ROOT,
						"fixed rate %.1f/s (latency from the intended send time)", this.options.rate())
						: "closed loop (max throughput)",
				this.options.concurrency(), this.options.warmup().toSeconds(), this.options.duration().toSeconds()));
		long start = System.nanoTime();
		this.measureFrom = start + this.options.warmup().toNanos();
		this.measureUntil = this.measureFrom + this.options.duration().toNanos();
		ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "progress");
			thread.setDaemon(true);
			return thread;
		});
		long[] last = { start, 0 };
		progress.scheduleAtFixedRate(() -> {
			long now = System.nanoTime();
			long total = this.acceptedTotal.sum();
			double rate = (total - last[1]) / ((now - last[0]) / 1e9);
			String phase = (last[0] < this.measureFrom) ? "warm-up" : "measuring";
			last[0] = now;
			last[1] = total;
			say(String.format(Locale.ROOT, "%4.0f s %-9s %8.1f accepted/s   sent %d, accepted %d, not accepted %d",
					(now - start) / 1e9, phase, rate, this.sentTotal.sum(), total, this.otherTotal.sum()));
		}, 10, 10, TimeUnit.SECONDS);
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < this.options.concurrency(); i++) {
			Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
			this.histograms.add(histogram);
			Runnable loop = (this.options.rate() != null) ? () -> fixedRate(start, histogram)
					: () -> closedLoop(histogram);
			Thread worker = new Thread(loop, "worker-" + i);
			workers.add(worker);
			worker.start();
		}
		boolean announced = false;
		long cpuFrom = 0;
		for (Thread worker : workers) {
			while (worker.isAlive()) {
				worker.join(100);
				if (!announced && System.nanoTime() >= this.measureFrom) {
					cpuFrom = cpuNanos();
					say("warm-up done, measuring");
					announced = true;
				}
			}
		}
		if (!announced) {
			cpuFrom = cpuNanos();
		}
		double clientCpu = (cpuNanos() - cpuFrom) / (double) (System.nanoTime() - this.measureFrom);
		say("measurement done");
		progress.shutdownNow();
		Histogram all = new Histogram(HIGHEST_MICROS, 3);
		this.histograms.forEach(all::add);
		Map<String, Long> errors = snapshot();
		long warmupErrors = this.otherTotal.sum() - errors.values().stream().mapToLong(Long::longValue).sum();
		return new Result(this.options, this.accepted.sum(), all, errors, warmupErrors, this.firstBodies,
				this.missed.sum(), clientCpu);
	}

	private void closedLoop(Histogram histogram) {
		while (true) {
			long sent = System.nanoTime();
			if (sent >= this.measureUntil) {
				return;
			}
			String outcome = send();
			long done = System.nanoTime();
			if (sent >= this.measureFrom) {
				record(histogram, outcome, done - sent);
			}
		}
	}

	private void fixedRate(long start, Histogram histogram) {
		double intervalNanos = 1e9 / this.options.rate();
		while (true) {
			long intended = start + (long) (this.tickets.getAndIncrement() * intervalNanos);
			if (intended >= this.measureUntil) {
				return;
			}
			long now;
			while ((now = System.nanoTime()) < intended) {
				LockSupport.parkNanos(intended - now);
			}
			if (now >= this.measureUntil && now - intended > LATE) {
				// so far behind schedule that this request, due in the window, could not
				// be sent in it: counted as "behind" in the result
				this.missed.increment();
				continue;
			}
			String outcome = send();
			long done = System.nanoTime();
			if (intended >= this.measureFrom) {
				record(histogram, outcome, done - intended);
			}
		}
	}

	private void record(Histogram histogram, String outcome, long nanos) {
		histogram.recordValue(Math.min(HIGHEST_MICROS, Math.max(1, nanos / 1000)));
		if ("201".equals(outcome)) {
			this.accepted.increment();
		}
		else {
			this.outcomes.computeIfAbsent(outcome, (key) -> new LongAdder()).increment();
		}
	}

	private String send() {
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(REQUEST_TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Idempotency-Key", idempotencyKey())
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.bodies.next()))
			.build();
		this.sentTotal.increment();
		try {
			HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			String status = String.valueOf(response.statusCode());
			if (response.statusCode() == 201) {
				this.acceptedTotal.increment();
			}
			else {
				this.otherTotal.increment();
				this.firstBodies.putIfAbsent(status, new String(response.body(), StandardCharsets.UTF_8));
			}
			return status;
		}
		catch (HttpTimeoutException ex) {
			this.otherTotal.increment();
			return "timeout";
		}
		catch (IOException ex) {
			this.otherTotal.increment();
			this.firstBodies.putIfAbsent(ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()));
			return ex.getClass().getSimpleName();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/** CPU time this JVM has used so far (all threads), in nanoseconds. */
	private static long cpuNanos() {
		return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
	}

	private static String idempotencyKey() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "bench-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
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
	record Options(String url, int concurrency, Duration duration, Duration warmup, Double rate) {

		static final String USAGE = """
				Usage: SubmitBenchmark [--url URL] [--concurrency N] [--duration SECONDS] [--warmup SECONDS] [--rate PER_SECOND]
				  --url          intake base URL (default http://localhost:8080)
				  --concurrency  concurrent requests (default 16)
				  --duration     measured seconds (default 60)
				  --warmup       unmeasured seconds first, for the JIT (default 60)
				  --rate         fixed target rate per second, open loop; without it: closed loop, max throughput""";

		/** The options, or null when help was asked for. */
		static Options parse(String[] args) {
			String url = "http://localhost:8080";
			int concurrency = 16;
			long duration = 60;
			long warmup = 60;
			Double rate = null;
			for (int i = 0; i < args.length; i++) {
				String name = args[i];
				String value = null;
				int equals = name.indexOf('=');
				if (name.startsWith("--") && equals > 0) {
					value = name.substring(equals + 1);
					name = name.substring(0, equals);
				}
				if ("--help".equals(name) || "-h".equals(name)) {
					return null;
				}
				if (value == null) {
					if (i + 1 >= args.length) {
						throw new IllegalArgumentException("Missing value for " + name);
					}
					value = args[++i];
				}
				try {
					switch (name) {
						case "--url" -> url = value;
						case "--concurrency" -> concurrency = Integer.parseInt(value);
						case "--duration" -> duration = Long.parseLong(value);
						case "--warmup" -> warmup = Long.parseLong(value);
						case "--rate" -> rate = Double.valueOf(value);
						default -> throw new IllegalArgumentException("Unknown option " + name);
					}
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException("Not a number for " + name + ": " + value);
				}
			}
			if (concurrency < 1 || duration < 1 || warmup < 0 || (rate != null && !(rate > 0))) {
				throw new IllegalArgumentException(
						"concurrency and duration must be at least 1, warmup at least 0," + " rate above 0");
			}
			return new Options(url, concurrency, Duration.ofSeconds(duration), Duration.ofSeconds(warmup), rate);
		}

	}

	/** The measured window's figures. */
	record Result(Options options, long accepted, Histogram latency, Map<String, Long> errors, long warmupErrors,
			Map<String, String> firstBodies, long behind, double clientCpu) {

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
			out.printf(Locale.ROOT,
					"RESULT mode=%s concurrency=%d accepted=%d accepted_per_s=%.1f p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f"
							+ " max_ms=%.2f errors=%d behind=%d client_cpu_pct=%.0f%n",
					(this.options.rate() != null) ? "fixed-rate" : "closed-loop", this.options.concurrency(),
					this.accepted, rate, millis(50), millis(95), millis(99), this.latency.getMaxValue() / 1000.0,
					errorCount, this.behind, this.clientCpu * 100);
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
