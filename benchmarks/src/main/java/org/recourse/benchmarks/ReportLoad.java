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
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends realistic reports ({@link ReportBodies}) to {@code POST /api/v1/reports}, each
 * with its own {@code Idempotency-Key}, and registers every accepted one with
 * {@link PipelineEvents}, which times the rest of its way. Closed loop (each worker sends
 * its next report when the previous one is answered: the most intake accepts) or fixed
 * rate (report {@code i} is due at {@code start + i / rate}, and its latencies run from
 * that due time, so a slow answer that delays the following reports counts against them);
 * at most {@code concurrency} requests in flight either way.
 */
final class ReportLoad {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	/** How late a report due inside the window may still be sent after the window. */
	private static final long LATE = TimeUnit.MILLISECONDS.toNanos(5);

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final ReportBodies bodies = new ReportBodies();

	private final JsonMapper json = JsonMapper.builder().build();

	private final URI endpoint;

	private final PipelineEvents events;

	private final int sampleEvery;

	private final AtomicLong sampleCounter = new AtomicLong();

	ReportLoad(String intakeUrl, PipelineEvents events, int sampleEvery) {
		this.endpoint = URI.create(intakeUrl + "/api/v1/reports");
		this.events = events;
		this.sampleEvery = sampleEvery;
	}

	/**
	 * Runs {@code phase}, whose measured window is set: unmeasured before it, then until
	 * its end or until {@code count} reports (0: no limit) were sent in it.
	 */
	void run(StackPhase phase, int concurrency, long start, long count) throws InterruptedException {
		if (phase.rate != null && count > 0) {
			phase.measureUntil = Math.min(phase.measureUntil, phase.measureFrom + (long) (count / phase.rate * 1e9));
		}
		AtomicLong tickets = new AtomicLong();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < concurrency; i++) {
			Runnable loop = (phase.rate != null) ? () -> fixedRate(phase, start, tickets)
					: () -> closedLoop(phase, tickets, count);
			Thread worker = new Thread(loop, phase.name + "-" + i);
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
	}

	private void closedLoop(StackPhase phase, AtomicLong measuredTickets, long count) {
		while (true) {
			long sent = System.nanoTime();
			if (sent >= phase.measureUntil) {
				return;
			}
			if (count > 0 && sent >= phase.measureFrom && measuredTickets.incrementAndGet() > count) {
				phase.measureUntil = Math.min(phase.measureUntil, sent);
				return;
			}
			send(phase, sent);
		}
	}

	private void fixedRate(StackPhase phase, long start, AtomicLong tickets) {
		double interval = 1e9 / phase.rate;
		while (true) {
			long intended = start + (long) (tickets.getAndIncrement() * interval);
			if (intended >= phase.measureUntil) {
				return;
			}
			long now;
			while ((now = System.nanoTime()) < intended) {
				LockSupport.parkNanos(intended - now);
			}
			if (now >= phase.measureUntil && now - intended > LATE) {
				// due in the window, but the workers are so far behind that it could
				// not be sent in it: the rate was not sustained
				phase.behind.increment();
				continue;
			}
			send(phase, intended);
		}
	}

	/** Sends one report; {@code due} is when it was sent or was due to be sent. */
	private void send(StackPhase phase, long due) {
		boolean measured = phase.measured(due);
		phase.sent.increment();
		if (measured) {
			phase.measuredSent.increment();
		}
		HttpRequest request = HttpRequest.newBuilder(this.endpoint)
			.timeout(TIMEOUT)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.header("Idempotency-Key", idempotencyKey())
			.POST(HttpRequest.BodyPublishers.ofByteArray(this.bodies.next()))
			.build();
		try {
			HttpResponse<byte[]> response = this.client.send(request, HttpResponse.BodyHandlers.ofByteArray());
			long answered = System.nanoTime();
			if (response.statusCode() != 201) {
				phase.outcome(String.valueOf(response.statusCode()),
						new String(response.body(), StandardCharsets.UTF_8));
				return;
			}
			JsonNode receipt = this.json.readTree(response.body());
			boolean sample = measured && this.sampleEvery > 0
					&& this.sampleCounter.incrementAndGet() % this.sampleEvery == 0;
			if (measured) {
				StackPhase.record(phase.accept, answered - due);
				phase.measuredAccepted.increment();
			}
			this.events.submitted(phase, receipt.path("reportId").asString(), due, answered,
					receipt.path("receiptCode").asString(), sample);
		}
		catch (HttpTimeoutException ex) {
			phase.outcome("timeout", null);
		}
		catch (IOException ex) {
			phase.outcome(ex.getClass().getSimpleName(), ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			phase.outcome("interrupted", null);
		}
	}

	private static String idempotencyKey() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "load-" + Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
	}

}
