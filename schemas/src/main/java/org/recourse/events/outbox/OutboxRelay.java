package org.recourse.events.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes what documents of one collection hold in their {@code outbox} array, in array
 * order within a document, so everything about one report reaches Kafka in the order it
 * happened. Two paths, one thread: a writer hands over the events it has just stored, and
 * the relay publishes them without reading the store; a sweep finds whatever is still
 * pending and, after a failure, backs off exponentially up to a ceiling. The sweep
 * queries the store at the first tick after a start, after a failure or a hand-over that
 * did not fit, and otherwise every {@code sweepInterval} (a writer that crashed between
 * its write and its hand-over, another replica that stopped for good): its query matches
 * on a flag, which the embedded store answers by reading the whole collection, and a
 * sweep every few seconds made an idle service's cost grow with everything it ever
 * stored. Sends are pipelined, and events leave their document only once Kafka
 * acknowledged them, so nothing accepted is ever dropped (delivery is at least once;
 * consumers deduplicate).
 */
public class OutboxRelay implements InitializingBean, DisposableBean {

	static final String OUTBOX = "outbox";

	static final String PENDING = "outboxPending";

	private static final int MAX_HANDED_OVER = 100_000;

	/**
	 * How often a sweep looks at every document with an event left, whatever its flag
	 * (the first sweep after a start always does, and a deep sweep that failed is retried
	 * as one): the net for the moment a relay's settle cleared the flag beside an event a
	 * writer had just added and handed over, and the writer's replica then died before
	 * its relay published it. It is the one sweep no index serves on MongoDB (a scan of
	 * the collection), so it runs every 20th sweep (10 min at the default 30 s), not
	 * every other one.
	 */
	private static final int DEEP_SWEEP_EVERY = 20;

	/**
	 * How many acknowledged event ids the relay remembers (see {@link #acknowledged}).
	 */
	private static final int REMEMBERED = 10_000;

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoTemplate mongo;

	private final KafkaTemplate<Object, Object> kafka;

	private final Settings settings;

	private final ScheduledExecutorService thread = Executors
		.newSingleThreadScheduledExecutor((runnable) -> new Thread(runnable, "outbox-relay"));

	private final Queue<HandedOver> handedOver = new ConcurrentLinkedQueue<>();

	private final AtomicInteger handedOverCount = new AtomicInteger();

	private final Counter published;

	private final Counter failures;

	/**
	 * The ids of the events Kafka acknowledged lately, oldest first; used by the relay's
	 * thread only. An event handed over while a sweep was publishing the same document
	 * (the sweep found it first) is then not sent twice, and an event whose removal from
	 * its document failed is removed at the next attempt without being sent again.
	 */
	private final Map<String, Boolean> acknowledged = new LinkedHashMap<>(256, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
			return size() > REMEMBERED;
		}

	};

	private Duration backoff = Duration.ZERO;

	private long retryAtNanos;

	private long sweeps;

	/**
	 * Relay thread only: whether the next sweep is a deep one; cleared only once a deep
	 * sweep got through (a failed one, e.g. at a start during a Kafka outage, is retried
	 * as deep).
	 */
	private boolean deepSweepDue;

	/** Relay thread only: whether the next tick sweeps whatever the time. */
	private boolean sweepSoon = true;

	private long nextSweepNanos;

	/** Set by a writer whose hand-over did not fit. */
	private volatile boolean handOverDropped;

	private final AtomicLong pendingAtLastSweep = new AtomicLong();

	public OutboxRelay(MongoTemplate mongo, KafkaTemplate<Object, Object> kafka, Settings settings,
			MeterRegistry meters) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.settings = settings;
		// tagged by collection: a service with two relays (notification) shows both
		// backlogs
		this.published = Counter.builder("recourse.outbox.published")
			.tag("collection", settings.collection())
			.register(meters);
		this.failures = Counter.builder("recourse.outbox.publish.failures")
			.tag("collection", settings.collection())
			.register(meters);
		Gauge.builder("recourse.outbox.pending.documents", this, OutboxRelay::pendingDocuments)
			.tag("collection", settings.collection())
			.register(meters);
	}

	/**
	 * Publishes {@code events}, just stored in the outbox of document {@code documentId},
	 * soon. Returns at once; if the hand-over is full, the sweep publishes them instead.
	 */
	public void wake(Object documentId, List<OutboxEvent> events) {
		if (events.isEmpty()) {
			return;
		}
		if (this.handedOverCount.incrementAndGet() > MAX_HANDED_OVER) {
			this.handedOverCount.decrementAndGet();
			this.handOverDropped = true;
			return;
		}
		this.handedOver.add(new HandedOver(documentId, List.copyOf(events)));
		this.thread.execute(() -> relaySafely(this::publishHandedOver));
	}

	@Override
	public void afterPropertiesSet() {
		long interval = this.settings.pollInterval().toMillis();
		this.thread.scheduleWithFixedDelay(() -> relaySafely(this::sweepIfDue), interval, interval,
				TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.thread.shutdownNow();
	}

	private void relaySafely(Runnable relay) {
		if (System.nanoTime() - this.retryAtNanos < 0) {
			return;
		}
		try {
			relay.run();
			this.backoff = Duration.ZERO;
		}
		catch (RuntimeException ex) {
			this.failures.increment();
			this.sweepSoon = true;
			this.backoff = this.backoff.isZero() ? this.settings.initialBackoff()
					: min(this.backoff.multipliedBy(2), this.settings.maxBackoff());
			this.retryAtNanos = System.nanoTime() + this.backoff.toNanos();
			logger.warn("Outbox relay could not publish ({}); retrying in {} ms", ex.getClass().getSimpleName(),
					this.backoff.toMillis());
		}
	}

	private void publishHandedOver() {
		Map<Object, List<OutboxEvent>> batch = new LinkedHashMap<>();
		HandedOver next;
		while (batch.size() < this.settings.batchSize() && (next = this.handedOver.poll()) != null) {
			this.handedOverCount.decrementAndGet();
			batch.computeIfAbsent(next.documentId(), (id) -> new ArrayList<>()).addAll(next.events());
		}
		publish(batch);
	}

	private void sweepIfDue() {
		long now = System.nanoTime();
		if (!this.sweepSoon && !this.handOverDropped && now - this.nextSweepNanos < 0) {
			return;
		}
		this.sweepSoon = false;
		this.handOverDropped = false;
		this.nextSweepNanos = now + this.settings.sweepInterval().toNanos();
		sweep();
	}

	/**
	 * Publishes what is still pending, and counts the documents it found waiting for the
	 * {@code recourse.outbox.pending.documents} gauge (at least that many, should a
	 * publish fail before the sweep saw them all), so a scrape costs no query.
	 */
	private void sweep() {
		// usually the flagged documents; the first time and every DEEP_SWEEP_EVERY-th
		// time any document with an event left in it
		if (this.sweeps++ % DEEP_SWEEP_EVERY == 0) {
			this.deepSweepDue = true;
		}
		boolean deep = this.deepSweepDue;
		Criteria due = deep ? Criteria.where(OUTBOX + ".0").exists(true) : Criteria.where(PENDING).is(true);
		List<Document> pending;
		long found = 0;
		try {
			do {
				Query oldestFirst = Query.query(due)
					.with(Sort.by(Sort.Direction.ASC, this.settings.orderField()))
					.limit(this.settings.batchSize());
				oldestFirst.fields().include(OUTBOX);
				pending = this.mongo.find(oldestFirst, Document.class, this.settings.collection());
				found += pending.size();
				Map<Object, List<OutboxEvent>> batch = new LinkedHashMap<>();
				pending.forEach((document) -> batch.put(document.get("_id"), stored(document)));
				publish(batch);
			}
			while (pending.size() == this.settings.batchSize());
			if (deep) {
				this.deepSweepDue = false;
			}
		}
		finally {
			this.pendingAtLastSweep.set(found);
		}
	}

	private static List<OutboxEvent> stored(Document document) {
		return document.getList(OUTBOX, Document.class, List.of())
			.stream()
			.map((event) -> new OutboxEvent(event.getString("eventId"), event.getString("topic"),
					event.getString("key"), event.get("payload", Binary.class).getData(), null))
			.toList();
	}

	/**
	 * Sends every event of the batch, then removes from each document the events Kafka
	 * acknowledged, in order, with one bulk write for the whole batch.
	 */
	private void publish(Map<Object, List<OutboxEvent>> documents) {
		Map<Object, List<Sent>> sends = new LinkedHashMap<>();
		documents.forEach((id, events) -> sends.put(id,
				events.stream()
					.map((event) -> new Sent(event.eventId(),
							this.acknowledged.containsKey(event.eventId()) ? ALREADY_ACKNOWLEDGED
									: this.kafka.send(event.topic(), event.key(), event.payload())))
					.toList()));
		RuntimeException failure = null;
		BulkOperations settling = null;
		int sentNow = 0;
		for (Map.Entry<Object, List<Sent>> document : sends.entrySet()) {
			List<String> acknowledged = new ArrayList<>();
			for (Sent sent : document.getValue()) {
				failure = (failure != null) ? failure : awaitAcknowledgement(sent.result());
				if (failure != null) {
					break;
				}
				acknowledged.add(sent.eventId());
				if (sent.result() != ALREADY_ACKNOWLEDGED) {
					this.acknowledged.put(sent.eventId(), Boolean.TRUE);
					sentNow++;
				}
			}
			Update update = settle(acknowledged, acknowledged.size() == document.getValue().size());
			if (update != null) {
				settling = (settling != null) ? settling
						: this.mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, this.settings.collection());
				settling.updateOne(Query.query(Criteria.where("_id").is(document.getKey())), update);
			}
		}
		this.published.increment(sentNow);
		if (settling != null) {
			settling.execute();
		}
		if (failure != null) {
			throw failure;
		}
	}

	private RuntimeException awaitAcknowledgement(CompletableFuture<SendResult<Object, Object>> send) {
		try {
			send.get(this.settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new IllegalStateException("Interrupted while publishing", ex);
		}
		catch (Exception ex) {
			return new IllegalStateException("Kafka did not acknowledge an outbox event", ex);
		}
	}

	/**
	 * The write for one document that names nothing but the _id (the embedded store uses
	 * its index for exactly that and scans the collection for anything more): the
	 * acknowledged events leave the outbox, and the pending flag says whether any event
	 * of this document was not acknowledged. A writer that queued another event meanwhile
	 * set the flag and handed that event over too; should the flag still end up false
	 * beside an event (a crash at exactly that moment), the sweep's periodic deep look
	 * finds it. Null when there is nothing to write.
	 */
	private static Update settle(List<String> acknowledged, boolean allAcknowledged) {
		if (acknowledged.isEmpty() && allAcknowledged) {
			return null;
		}
		Update update = new Update().set(PENDING, !allAcknowledged);
		if (!acknowledged.isEmpty()) {
			update.pull(OUTBOX, new Document("eventId", new Document("$in", acknowledged)));
		}
		return update;
	}

	private double pendingDocuments() {
		return this.pendingAtLastSweep.get();
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private record HandedOver(Object documentId, List<OutboxEvent> events) {
	}

	private record Sent(String eventId, CompletableFuture<SendResult<Object, Object>> result) {
	}

	private static final CompletableFuture<SendResult<Object, Object>> ALREADY_ACKNOWLEDGED = CompletableFuture
		.completedFuture(null);

	/**
	 * {@code recourse.outbox.*}: the collection whose documents carry an outbox, and the
	 * field to sweep by; {@code pollInterval} is the sweep's tick, {@code sweepInterval}
	 * how often it queries the store when every hand-over went well. {@code sendTimeout}
	 * outlasts the producer's own {@code delivery.timeout.ms} (30 s in every service), so
	 * an event is sent again only after Kafka itself gave up on it, never while an
	 * acknowledgement may still come.
	 */
	@ConfigurationProperties("recourse.outbox")
	public record Settings(String collection, String orderField, @DefaultValue("100") int batchSize,
			@DefaultValue("5s") Duration pollInterval, @DefaultValue("200ms") Duration initialBackoff,
			@DefaultValue("30s") Duration maxBackoff, @DefaultValue("35s") Duration sendTimeout,
			@DefaultValue("30s") Duration sweepInterval) {
	}

}
