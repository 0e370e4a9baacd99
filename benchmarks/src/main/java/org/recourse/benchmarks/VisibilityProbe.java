package org.recourse.benchmarks;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * For a sample of the reports, proves that what {@link PipelineEvents} times is what
 * people see: once the {@code ReporterUpdate} "received" has been published, the status
 * API ({@code POST /api/v1/reports/status} with the receipt code) must show it; once
 * {@code CaseRouted} has been published, the owner's queue ({@code GET /api/v1/cases} as
 * that owner, filtered to the case's system and severity) must list the case. Each is
 * polled every 50 ms from the event's arrival until it shows (at most 30 s); the delay is
 * recorded. Both APIs check a bcrypt hash per request (the receipt secret, the owner's
 * password), so every poll costs the stack tens of milliseconds of CPU: hence a sample.
 */
final class VisibilityProbe implements AutoCloseable {

	private static final long POLL_MILLIS = 50;

	private static final long GIVE_UP_NANOS = TimeUnit.SECONDS.toNanos(30);

	private static final int PAGE = 100;

	private static final int MAX_OFFSET = 10_000;

	/** After this many bisections that missed, the whole queue is read once per look. */
	private static final int FULL_SCAN_AFTER = 3;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(8, (task) -> {
		Thread thread = new Thread(task, "visibility-probe");
		thread.setDaemon(true);
		return thread;
	});

	private final JsonMapper json = JsonMapper.builder().build();

	private final AtomicInteger running = new AtomicInteger();

	private final String intakeUrl;

	private final String triageUrl;

	private final String ownerPassword;

	VisibilityProbe(String intakeUrl, String triageUrl, String ownerPassword) {
		this.intakeUrl = intakeUrl;
		this.triageUrl = triageUrl;
		this.ownerPassword = ownerPassword;
	}

	void checkStatus(PipelineEvents.Tracked report) {
		report.phase.samples.increment();
		poll(report, "status", () -> statusShowsReceived(report), report.phase.statusFirstLook, () -> {
			report.statusVisible = System.nanoTime();
			StackPhase.record(report.phase.statusLag, report.statusVisible - report.received);
		});
	}

	void checkQueue(PipelineEvents.Tracked report) {
		poll(report, "queue", () -> queueListsCase(report), report.phase.queueFirstLook, () -> {
			report.queueVisible = System.nanoTime();
			StackPhase.record(report.phase.queueLag, report.queueVisible - report.routed);
		});
	}

	private void poll(PipelineEvents.Tracked report, String what, BooleanSupplier visible, LongAdder firstLook,
			Runnable seen) {
		long started = System.nanoTime();
		this.running.incrementAndGet();
		Runnable attempt = new Runnable() {

			private boolean first = true;

			@Override
			public void run() {
				boolean shown;
				try {
					shown = visible.getAsBoolean();
				}
				catch (RuntimeException ex) {
					fail(report, what + ": " + ex.getMessage());
					VisibilityProbe.this.running.decrementAndGet();
					return;
				}
				if (shown) {
					if (this.first) {
						firstLook.increment();
					}
					synchronized (report) {
						seen.run();
						if (report.statusVisible != 0 && report.queueVisible != 0) {
							StackPhase.record(report.phase.visibleE2e,
									Math.max(report.statusVisible, report.queueVisible) - report.sent);
							report.phase.samplesChecked.increment();
						}
					}
					VisibilityProbe.this.running.decrementAndGet();
				}
				else if (System.nanoTime() - started > GIVE_UP_NANOS) {
					fail(report, what + ": not visible 30 s after its event"
							+ ("queue".equals(what) ? " (" + report.queueMiss + ")" : ""));
					VisibilityProbe.this.running.decrementAndGet();
				}
				else {
					this.first = false;
					VisibilityProbe.this.executor.schedule(this, POLL_MILLIS, TimeUnit.MILLISECONDS);
				}
			}
		};
		this.executor.execute(attempt);
	}

	private static void fail(PipelineEvents.Tracked report, String reason) {
		report.phase.samplesFailed.increment();
		if (report.phase.sampleFailures.size() < 3) {
			report.phase.sampleFailures.putIfAbsent(reason, report.reportId);
		}
	}

	private boolean statusShowsReceived(PipelineEvents.Tracked report) {
		report.phase.statusRequests.increment();
		String body = "{\"receiptCode\":\"" + report.receiptCode + "\"}";
		HttpResponse<String> response = send(
				HttpRequest.newBuilder(URI.create(this.intakeUrl + "/api/v1/reports/status"))
					.header("Content-Type", "application/json")
					.POST(HttpRequest.BodyPublishers.ofString(body)));
		if (response.statusCode() != 200) {
			throw new IllegalStateException("status API answered " + response.statusCode());
		}
		for (JsonNode entry : this.json.readTree(response.body()).path("timeline")) {
			if ("RECEIVED".equals(entry.path("type").asString())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the owner's queue, filtered to the case's system and severity, lists the
	 * case. The queue is ordered by next deadline, then opening time, then case id; the
	 * case itself ({@code GET /api/v1/cases/{id}} as the owner) gives its own key, and
	 * the pages are searched for it by bisection, a few requests however long the queue.
	 */
	private boolean queueListsCase(PipelineEvents.Tracked report) {
		if (report.ownerId == null) {
			throw new IllegalStateException("case routed to the governance queue; the benchmark's systems have owners");
		}
		HttpResponse<String> own = queue(report, "/api/v1/cases/" + report.caseId);
		if (own.statusCode() == 404) {
			report.queueMiss = "the owner cannot see the case";
			return false;
		}
		QueueKey key = QueueKey.of(this.json.readTree(own.body()));
		String query = "/api/v1/cases?system=" + URLEncoder.encode(report.system, StandardCharsets.UTF_8) + "&severity="
				+ report.severity + "&size=" + PAGE + "&page=";
		HttpResponse<String> first = queue(report, query + 0);
		long total = first.headers().firstValueAsLong("X-Total-Count").orElse(0);
		long low = 0;
		long high = (total - 1) / PAGE;
		if ((high + 1) * PAGE > MAX_OFFSET) {
			throw new IllegalStateException("queue deeper than the API pages (" + total + " cases)");
		}
		JsonNode cases = this.json.readTree(first.body());
		while (low <= high) {
			long page = (low + high) / 2;
			if (page != 0) {
				cases = this.json.readTree(queue(report, query + page).body());
			}
			if (cases.isEmpty()) {
				high = page - 1;
			}
			else if (key.compareTo(QueueKey.of(cases.get(0))) < 0) {
				high = page - 1;
			}
			else if (key.compareTo(QueueKey.of(cases.get(cases.size() - 1))) > 0) {
				low = page + 1;
			}
			else {
				for (JsonNode listed : cases) {
					if (report.caseId.equals(listed.path("id").asString())) {
						return true;
					}
				}
				break;
			}
		}
		if (++report.queueBisections < FULL_SCAN_AFTER) {
			report.queueMiss = "not found by bisection among the " + total + " listed";
			return false;
		}
		for (long page = 0; page * PAGE < Math.min(total, MAX_OFFSET); page++) {
			for (JsonNode listed : this.json.readTree(queue(report, query + page).body())) {
				if (report.caseId.equals(listed.path("id").asString())) {
					report.phase.queueOutOfOrder.increment();
					return true;
				}
			}
		}
		report.queueMiss = "not among the " + total + " listed (full scan)";
		return false;
	}

	/** How the queue orders its cases: next deadline (none last), opened, case id. */
	private record QueueKey(Instant due, Instant opened, String id) implements Comparable<QueueKey> {

		private static final Comparator<QueueKey> ORDER = Comparator
			.comparing(QueueKey::due, Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing(QueueKey::opened)
			.thenComparing(QueueKey::id);

		static QueueKey of(JsonNode view) {
			JsonNode due = view.path("nextDueAt");
			return new QueueKey(due.isNull() || due.isMissingNode() ? null : Instant.parse(due.asString()),
					Instant.parse(view.path("openedAt").asString()), view.path("id").asString());
		}

		@Override
		public int compareTo(QueueKey other) {
			return ORDER.compare(this, other);
		}

	}

	private HttpResponse<String> queue(PipelineEvents.Tracked report, String pathAndQuery) {
		report.phase.queueRequests.increment();
		String credentials = report.ownerId + ":" + this.ownerPassword;
		HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(this.triageUrl + pathAndQuery))
			.header("Authorization",
					"Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
			.GET());
		if (response.statusCode() != 200 && response.statusCode() != 404) {
			throw new IllegalStateException("queue API answered " + response.statusCode() + " for " + report.ownerId);
		}
		return response;
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex.getClass().getSimpleName() + " " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/** Waits until no check is polling any more, at most {@code timeout}. */
	void awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (this.running.get() > 0 && System.nanoTime() < deadline) {
			TimeUnit.MILLISECONDS.sleep(100);
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
