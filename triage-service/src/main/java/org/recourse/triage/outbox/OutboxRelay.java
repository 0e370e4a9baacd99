package org.recourse.triage.outbox;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.bson.Document;
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
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes what documents of one collection hold in their {@code outbox} array, oldest
 * document first and in array order within a document, so everything about one report
 * reaches Kafka in the order it happened. Runs on one thread: woken right after a write
 * and on a timer as a safety net; after a failure it backs off exponentially up to a
 * ceiling and tries again, so nothing accepted is ever dropped.
 */
@Component
public class OutboxRelay implements InitializingBean, DisposableBean {

	static final String OUTBOX = "outbox";

	static final String PENDING = "outboxPending";

	private static final Logger logger = LoggerFactory.getLogger(OutboxRelay.class);

	private final MongoTemplate mongo;

	private final KafkaTemplate<Object, Object> kafka;

	private final Settings settings;

	private final ScheduledExecutorService thread = Executors
		.newSingleThreadScheduledExecutor((runnable) -> new Thread(runnable, "outbox-relay"));

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

	/** Asks for a drain now, without waiting for the timer. Returns at once. */
	public void wake() {
		this.thread.execute(this::drainIfDue);
	}

	@Override
	public void afterPropertiesSet() {
		long interval = this.settings.pollInterval().toMillis();
		this.thread.scheduleWithFixedDelay(this::drainIfDue, interval, interval, TimeUnit.MILLISECONDS);
	}

	@Override
	public void destroy() {
		this.thread.shutdownNow();
	}

	private void drainIfDue() {
		if (System.nanoTime() - this.retryAtNanos < 0) {
			return;
		}
		try {
			drain();
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

	private void drain() {
		List<Document> batch;
		do {
			Query pending = Query.query(Criteria.where(PENDING).is(true))
				.with(Sort.by(Sort.Direction.ASC, this.settings.orderField()))
				.limit(this.settings.batchSize());
			pending.fields().include(OUTBOX);
			batch = this.mongo.find(pending, Document.class, this.settings.collection());
			batch.forEach(this::publish);
		}
		while (batch.size() == this.settings.batchSize());
	}

	private void publish(Document document) {
		Object id = document.get("_id");
		for (Document event : document.getList(OUTBOX, Document.class, List.of())) {
			send(event);
			this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
					new Update().pull(OUTBOX, new Document("eventId", event.getString("eventId"))),
					this.settings.collection());
			this.published.increment();
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id).and(OUTBOX).size(0)),
				new Update().set(PENDING, false), this.settings.collection());
	}

	private void send(Document event) {
		byte[] payload = event.get("payload", org.bson.types.Binary.class).getData();
		try {
			this.kafka.send(event.getString("topic"), event.getString("key"), payload)
				.get(this.settings.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while publishing", ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Kafka did not acknowledge event " + event.getString("eventId"), ex);
		}
	}

	private double pendingDocuments() {
		return this.mongo.count(Query.query(Criteria.where(PENDING).is(true)), this.settings.collection());
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	@ConfigurationProperties("recourse.outbox")
	record Settings(@DefaultValue("cases") String collection, @DefaultValue("openedAt") String orderField,
			@DefaultValue("100") int batchSize, @DefaultValue("1s") Duration pollInterval,
			@DefaultValue("200ms") Duration initialBackoff, @DefaultValue("30s") Duration maxBackoff,
			@DefaultValue("10s") Duration sendTimeout) {
	}

}
