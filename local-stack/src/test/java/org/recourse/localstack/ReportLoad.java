package org.recourse.localstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import tools.jackson.databind.json.JsonMapper;

/**
 * Submits reports through intake's API at a steady rate, as well-behaved clients would:
 * each report has its own {@code Idempotency-Key}, and a submission that fails (no
 * connection, a timeout, a 5xx or 429) is sent again with the same key after a backoff
 * (exponential, with jitter, honouring {@code Retry-After}), for up to
 * {@link #GIVE_UP_AFTER}.
 * <p>
 * A receipt counts as <b>issued</b> when the client read a 201 answer carrying a report
 * id and a receipt code, on the first try or a retry. A submission whose answer never
 * arrived (intake killed after storing it, before answering) issued nothing to anyone
 * unless a retry got the receipt back; a retry never creates a second report.
 * <p>
 * The mix: every 10th report is a critical one on {@code sla-probe} (3-second
 * acknowledgement target, so it breaches and escalates during the run), every 10th one on
 * the ownerless system (governance queue), every 10th one on a system that is not listed,
 * the rest on the three owned demo systems; every {@code emailEvery}-th reporter leaves a
 * unique e-mail address, so their news e-mails can be counted per report.
 */
final class ReportLoad implements AutoCloseable {

	static final Duration GIVE_UP_AFTER = Duration.ofMinutes(10);

	private static final String[] OWNED = { "support-chatbot", "hr-assistant", "code-copilot" };

	private static final String[] SEVERITIES = { "LOW", "MEDIUM", "HIGH" };

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "report-load");
		thread.setDaemon(true);
		return thread;
	});

	private final URI reports;

	private final int count;

	private final double perSecond;

	private final int emailEvery;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	private final AtomicInteger next = new AtomicInteger();

	private final Queue<Issued> issued = new ConcurrentLinkedQueue<>();

	private final Queue<Refused> refused = new ConcurrentLinkedQueue<>();

	private final AtomicInteger gaveUp = new AtomicInteger();

	private final AtomicInteger finished = new AtomicInteger();

	private final LongAdder attempts = new LongAdder();

	private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

	private volatile BooleanSupplier keepGoing = () -> false;

	private volatile boolean stopped;

	ReportLoad(String intakeUrl, int count, double perSecond, int emailEvery) {
		this.reports = URI.create(intakeUrl + "/api/v1/reports");
		this.count = count;
		this.perSecond = perSecond;
		this.emailEvery = emailEvery;
	}

	/** Starts submitting in the background; returns at once. */
	void start() {
		long period = (long) (1_000_000 / this.perSecond);
		this.timer.scheduleAtFixedRate(this::submitNext, 0, period, TimeUnit.MICROSECONDS);
	}

	private void submitNext() {
		if (this.stopped) {
			return;
		}
		if (this.next.get() >= this.count && !this.keepGoing.getAsBoolean()) {
			this.stopped = true;
			return;
		}
		int index = this.next.getAndIncrement();
		attempt(new Submission(index, UUID.randomUUID().toString(), body(index), email(index), System.nanoTime()), 1);
	}

	private void attempt(Submission submission, int attempt) {
		this.attempts.increment();
		HttpRequest request = HttpRequest.newBuilder(this.reports)
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.header("Idempotency-Key", submission.key())
			.POST(HttpRequest.BodyPublishers.ofString(this.json.writeValueAsString(submission.body())))
			.build();
		this.http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
			.whenComplete((response, failure) -> answered(submission, attempt, response, failure));
	}

	private void answered(Submission submission, int attempt, HttpResponse<String> response, Throwable failure) {
		int status = (response != null) ? response.statusCode() : 0;
		if (status == 201) {
			var receipt = this.json.readTree(response.body());
			this.issued.add(new Issued(submission.index(), receipt.get("reportId").asString(),
					receipt.get("receiptCode").asString(), submission.key(), submission.email(),
					submission.body().get("aiSystemId"), attempt));
			this.finished.incrementAndGet();
			return;
		}
		boolean retryable = failure != null || status >= 500 || status == 429;
		if (!retryable) {
			this.refused.add(new Refused(submission.index(), status, response.body()));
			this.finished.incrementAndGet();
			return;
		}
		String kind = (failure != null) ? unwrap(failure).getClass().getSimpleName() : "HTTP " + status;
		this.failures.computeIfAbsent(kind, (k) -> new LongAdder()).increment();
		if (System.nanoTime() - submission.firstNanos() > GIVE_UP_AFTER.toNanos()) {
			this.gaveUp.incrementAndGet();
			this.finished.incrementAndGet();
			return;
		}
		this.timer.schedule(() -> attempt(submission, attempt + 1), backoffMillis(attempt, response),
				TimeUnit.MILLISECONDS);
	}

	/**
	 * Exponential back-off from 1 s up to 30 s, with full jitter (so that the clients cut
	 * off by an outage do not all come back in the same second), and never sooner than a
	 * {@code Retry-After} asks.
	 */
	private static long backoffMillis(int attempt, HttpResponse<String> response) {
		long ceiling = Math.min(30_000, 1_000L << Math.min(attempt - 1, 5));
		long backoff = java.util.concurrent.ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1);
		long retryAfter = (response != null)
				? response.headers().firstValue("Retry-After").map(Long::parseLong).orElse(0L) * 1000 : 0;
		return Math.max(backoff, retryAfter);
	}

	private static Throwable unwrap(Throwable failure) {
		return (failure instanceof CompletionException && failure.getCause() != null) ? failure.getCause() : failure;
	}

	private Map<String, String> body(int index) {
		Map<String, String> report = new LinkedHashMap<>();
		switch (index % 10) {
			case 0 -> {
				report.put("aiSystemId", "sla-probe");
				report.put("severity", "CRITICAL");
			}
			case 1 -> report.put("aiSystemId", "finance-forecaster");
			case 2 -> {
				report.put("aiSystemId", "not-listed");
				report.put("aiSystemName", "Fault suite shadow tool");
			}
			default -> report.put("aiSystemId", OWNED[index % OWNED.length]);
		}
		report.putIfAbsent("severity", SEVERITIES[index % SEVERITIES.length]);
		report.put("kind", "WRONG_OUTPUT");
		report.put("aiOutput", "Fault suite " + this.run + " report #" + index + ": the refund window is 90 days");
		report.put("whatIsWrong", "The policy says 30 days");
		String email = email(index);
		if (email != null) {
			report.put("email", email);
		}
		return report;
	}

	private String email(int index) {
		return (this.emailEvery > 0 && index % this.emailEvery == 0)
				? "reporter-" + this.run + "-" + index + "@reporters.example" : null;
	}

	int issuedCount() {
		return this.issued.size();
	}

	/**
	 * Submits beyond {@code count} for as long as {@code condition} holds (so that every
	 * fault happens under load, however long the machine takes to recover from each).
	 */
	void keepGoingWhile(BooleanSupplier condition) {
		this.keepGoing = condition;
	}

	/**
	 * No more submissions, and every one got its receipt, was refused, or was given up.
	 */
	boolean done() {
		return this.stopped && this.finished.get() >= this.next.get();
	}

	List<Issued> issued() {
		return List.copyOf(this.issued);
	}

	List<Refused> refused() {
		return List.copyOf(this.refused);
	}

	int gaveUp() {
		return this.gaveUp.get();
	}

	long attempts() {
		return this.attempts.sum();
	}

	/** Failed attempts (each retried or given up) by what went wrong. */
	Map<String, Long> failures() {
		Map<String, Long> counts = new java.util.TreeMap<>();
		this.failures.forEach((kind, adder) -> counts.put(kind, adder.sum()));
		return counts;
	}

	@Override
	public void close() {
		this.timer.shutdownNow();
	}

	private record Submission(int index, String key, Map<String, String> body, String email, long firstNanos) {
	}

	/** A receipt the client got (see the class comment for what counts). */
	record Issued(int index, String reportId, String receiptCode, String idempotencyKey, String email,
			String aiSystemId, int attempts) {
	}

	/** A submission intake refused with a 4xx: never expected here. */
	record Refused(int index, int status, String body) {
	}

}
