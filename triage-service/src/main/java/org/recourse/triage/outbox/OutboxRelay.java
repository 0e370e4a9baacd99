package org.recourse.triage.outbox;

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

import org.bson.Document;
import org.bson.types.Binary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes what documents of one collection hold in their {@code outbox} array, in array
 * order within a document, so everything about one report reaches Kafka in the order it
 * happened. Two paths, one thread: a writer hands over the id of the document it just
 * wrote, and the relay publishes it by id (no collection scan, since the embedded store
 * ignores non-unique indexes); a sweep on a timer finds whatever is still pending (after
 * a restart, or while Kafka was away) and, after a failure, backs off exponentially up to
 * a ceiling. Sends of a batch are pipelined and acknowledged before their events leave
 * the document, so nothing accepted is ever dropped.
 */
@Component
public class OutboxRelay implements InitializingBean, DisposableBean {

	static final String OUTBOX = "outbox";

	static final String PENDING = "outboxPending";

	private static final int MAX_HANDED_OVER = 100_000;

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoTemplate mongo;

	private final KafkaTemplate<Object, Object> kafka;

	private final Settings settings;

	private final ScheduledExecutorService thread = Executors
		.newSingleThreadScheduledExecutor((runnable) -> new Thread(runnable, "outbox-relay"));

	private final Queue<Object> handedOver = new ConcurrentLinkedQueue<>();

	private final AtomicInteger handedOverCount = new AtomicInteger();

	private final Counter published;

	private final Counter failures;

	private Duration backoff = Duration.ZERO;

	private long retryAtNanos;

	OutboxRelay(MongoTemplate mongo, KafkaTemplate<Object, Object> kafka, Settings settings, MeterRegistry meters) {
		this.mongo = mongo;
		this.kafka = kafka;
		this.settings = settings;
		this.published = Counter.builder("recourse.outbox.published").register(meters);
		this.failures = Counter.builder("recourse.outbox.publish.failures").register(meters);
		meters.gauge("recourse.outbox.pending.documents", this, OutboxRelay::pendingDocuments);
	}

	/**
	 * Publishes the pending events of the document just written, soon and without a scan.
	 * Returns at once.
	 */
	public void wake(Object documentId) {
		if (this.handedOverCount.incrementAndGet() > MAX_HANDED_OVER) {
			this.handedOverCount.decrementAndGet();
			return;
		}
		this.handedOver.add(documentId);
		this.thread.execute(() -> relaySafely(this::publishHandedOver));
	}

	@Override
	public void afterPropertiesSet() {
		long interval = this.settings.pollInterval().toMillis();
		this.thread.scheduleWithFixedDelay(() -> relaySafely(this::sweep), interval, interval, TimeUnit.MILLISECONDS);
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
			this.backoff = this.backoff.isZero() ? this.settings.initialBackoff()
					: min(this.backoff.multipliedBy(2), this.settings.maxBackoff());
			this.retryAtNanos = System.nanoTime() + this.backoff.toNanos();
			logger.warn("Outbox relay could not publish ({}); retrying in {} ms", ex.getClass().getSimpleName(),
					this.backoff.toMillis());
		}
	}

	private void publishHandedOver() {
		List<Object> ids = new ArrayList<>();
		Object id;
		while (ids.size() < this.settings.batchSize() && (id = this.handedOver.poll()) != null) {
			this.handedOverCount.decrementAndGet();
			ids.add(id);
		}
		if (!ids.isEmpty()) {
			publish(find(Criteria.where("_id").in(ids).and(PENDING).is(true), false));
		}
	}

	private void sweep() {
		List<Document> batch;
		do {
			batch = find(Criteria.where(PENDING).is(true), true);
			publish(batch);
		}
		while (batch.size() == this.settings.batchSize());
		// everything pending has been published; ids handed over meanwhile are caught by
		// the next sweep at worst
		this.handedOver.clear();
		this.handedOverCount.set(0);
	}

	private List<Document> find(Criteria criteria, boolean oldestFirst) {
		Query pending = Query.query(criteria).limit(this.settings.batchSize());
		if (oldestFirst) {
			pending.with(Sort.by(Sort.Direction.ASC, this.settings.orderField()));
		}
		pending.fields().include(OUTBOX);
		return this.mongo.find(pending, Document.class, this.settings.collection());
	}

	/**
	 * Sends every event of the batch, then removes from each document the events Kafka
	 * acknowledged, in order.
	 */
	private void publish(List<Document> documents) {
		Map<Object, List<Map.Entry<String, CompletableFuture<SendResult<Object, Object>>>>> sends = new LinkedHashMap<>();
		for (Document document : documents) {
			List<Map.Entry<String, CompletableFuture<SendResult<Object, Object>>>> events = new ArrayList<>();
			for (Document event : document.getList(OUTBOX, Document.class, List.of())) {
				events.add(Map.entry(event.getString("eventId"), this.kafka.send(event.getString("topic"),
						event.getString("key"), event.get("payload", Binary.class).getData())));
			}
			sends.put(document.get("_id"), events);
		}
		RuntimeException failure = null;
		for (Map.Entry<Object, List<Map.Entry<String, CompletableFuture<SendResult<Object, Object>>>>> document : sends
			.entrySet()) {
			List<String> acknowledged = new ArrayList<>();
			for (Map.Entry<String, CompletableFuture<SendResult<Object, Object>>> event : document.getValue()) {
				if (failure == null) {
					failure = awaitAcknowledgement(event.getValue());
				}
				if (failure != null) {
					break;
				}
				acknowledged.add(event.getKey());
			}
			remove(document.getKey(), acknowledged);
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

	private void remove(Object id, List<String> eventIds) {
		if (eventIds.isEmpty()) {
			return;
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().pull(OUTBOX, new Document("eventId", new Document("$in", eventIds))),
				this.settings.collection());
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and(OUTBOX).size(0)),
				new Update().set(PENDING, false), this.settings.collection());
		this.published.increment(eventIds.size());
	}

	private double pendingDocuments() {
		return this.mongo.count(Query.query(Criteria.where(PENDING).is(true)), this.settings.collection());
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@ConfigurationProperties("recourse.outbox")
	record Settings(@DefaultValue("cases") String collection, @DefaultValue("openedAt") String orderField,
			@DefaultValue("100") int batchSize, @DefaultValue("5s") Duration pollInterval,
			@DefaultValue("200ms") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff,
			@DefaultValue("10s") Duration sendTimeout) {
	}

}
