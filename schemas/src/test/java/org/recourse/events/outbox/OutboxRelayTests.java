package org.recourse.events.outbox;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.testing.EmbeddedMongo;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The relay's queries: the pending-documents gauge tells what its own sweep found waiting
 * (no query runs when it is scraped), and while hand-overs succeed it queries the store
 * only at its start and every sweep interval (on the embedded store any query beside an
 * _id reads the whole collection).
 */
class OutboxRelayTests {

	private static final EmbeddedMongo server = EmbeddedMongo.start();

	private final List<String> counts = new CopyOnWriteArrayList<>();

	private final List<String> sweeps = new CopyOnWriteArrayList<>();

	private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
		.applyConnectionString(new ConnectionString(server.uri("outbox")))
		.addCommandListener(new CommandListener() {

			@Override
			public void commandStarted(CommandStartedEvent event) {
				if (List.of("count", "aggregate").contains(event.getCommandName())) {
					OutboxRelayTests.this.counts.add(event.getCommandName());
				}
				if ("find".equals(event.getCommandName())
						&& !event.getCommand().getDocument("filter").containsKey("_id")) {
					// a sweep's query (the tests' own reads are by _id)
					OutboxRelayTests.this.sweeps.add(event.getCommand().getDocument("filter").toJson());
				}
			}

		})
		.build());

	private final MongoTemplate mongo = new MongoTemplate(this.client, "outbox");

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private OutboxRelay relay;

	@BeforeEach
	void empty() {
		this.mongo.dropCollection("things");
	}

	@AfterEach
	void stop() {
		this.relay.destroy();
		this.client.close();
	}

	@Test
	void countsTheDocumentsTheSweepFoundWaitingWhileKafkaIsAway() {
		for (int i = 0; i < 3; i++) {
			this.mongo.insert(pending("report-" + i), "things");
		}
		start(new MockProducer<>(false, null, OutboxRelayTests::bytes, OutboxRelayTests::bytes));

		await().atMost(Duration.ofSeconds(30)).until(() -> gauge() == 3.0);
		for (int scrape = 0; scrape < 10; scrape++) {
			assertThat(gauge()).isEqualTo(3.0);
		}
		assertThat(this.counts).as("counting queries sent to the store").isEmpty();
	}

	@Test
	void countsNothingOnceTheSweepPublishedEverything() {
		this.mongo.insert(pending("report-x"), "things");
		start(new MockProducer<>(true, null, OutboxRelayTests::bytes, OutboxRelayTests::bytes));

		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.mongo.findById("report-x", Document.class, "things")
				.getList("outbox", Document.class)
				.isEmpty());
		await().atMost(Duration.ofSeconds(30)).until(() -> gauge() == 0.0);
	}

	@Test
	void publishesWhatIsHandedOverWithoutQueryingTheStoreAtEveryTick() {
		this.mongo.insert(pending("report-a"), "things");
		start(acknowledgingEverything(), Duration.ofHours(1));
		await().atMost(Duration.ofSeconds(30)).until(() -> published("report-a"));
		int queried = this.sweeps.size();
		assertThat(queried).as("the sweep at the start").isPositive();

		Document handedOver = pending("report-b");
		this.mongo.insert(handedOver, "things");
		this.relay.wake("report-b",
				List.of(new OutboxEvent("report-b-e1", "recourse.things", "report-b", new byte[] { 1, 2, 3 }, null)));

		await().atMost(Duration.ofSeconds(30)).until(() -> published("report-b"));
		await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> this.sweeps.size() == queried);
	}

	@Test
	void findsWhatWasStoredWithoutAHandOverAtTheNextSweep() {
		start(acknowledgingEverything(), Duration.ofMillis(300));
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.sweeps.isEmpty());

		// as if its writer crashed between its write and its hand-over
		this.mongo.insert(pending("report-c"), "things");

		await().atMost(Duration.ofSeconds(30)).until(() -> published("report-c"));
	}

	@Test
	void theFirstSweepAfterAStartFindsAnEventLeftBesideAClearedFlag() {
		// a settle cleared the flag after a writer added this event; the writer's replica
		// died before its relay published it
		this.mongo.insert(pending("report-d").append(OutboxRelay.PENDING, false), "things");

		start(acknowledgingEverything(), Duration.ofHours(1));

		await().atMost(Duration.ofSeconds(30)).until(() -> published("report-d"));
	}

	@Test
	void aRunningRelayFindsAnEventLeftBesideAClearedFlagAtALaterDeepSweep() {
		start(acknowledgingEverything(), Duration.ofMillis(100));
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.sweeps.isEmpty());

		this.mongo.insert(pending("report-e").append(OutboxRelay.PENDING, false), "things");

		await().atMost(Duration.ofSeconds(30)).until(() -> published("report-e"));
		assertThat(this.sweeps).as("flag-only sweeps run in between").contains("{\"outboxPending\": true}");
	}

	@Test
	void aDeepSweepThatFailedIsTriedAgainAsADeepOne() {
		this.mongo.insert(pending("report-f").append(OutboxRelay.PENDING, false), "things");
		AtomicBoolean storeWasAway = new AtomicBoolean();
		MongoTemplate awayAtFirst = new MongoTemplate(this.client, "outbox") {

			@Override
			public <T> List<T> find(Query query, Class<T> type, String collection) {
				if (storeWasAway.compareAndSet(false, true)) {
					throw new DataAccessResourceFailureException("the store is away");
				}
				return super.find(query, type, collection);
			}

		};

		// the first sweep after a start (a deep one) fails; the sweep interval is an
		// hour,
		// so only the retry after the failure can find the event
		start(awayAtFirst, acknowledgingEverything(), Duration.ofHours(1));

		await().atMost(Duration.ofSeconds(30)).until(() -> published("report-f"));
		assertThat(storeWasAway).isTrue();
	}

	/** A producer that outlives the template's close after each send. */
	private static MockProducer<Object, Object> acknowledgingEverything() {
		return new MockProducer<>(true, null, OutboxRelayTests::bytes, OutboxRelayTests::bytes) {

			@Override
			public void close() {
			}

			@Override
			public void close(Duration timeout) {
			}

		};
	}

	private boolean published(String id) {
		return this.mongo.findById(id, Document.class, "things").getList("outbox", Document.class).isEmpty();
	}

	private void start(MockProducer<Object, Object> producer) {
		start(producer, Duration.ofMillis(100));
	}

	private void start(MockProducer<Object, Object> producer, Duration sweepInterval) {
		start(this.mongo, producer, sweepInterval);
	}

	private void start(MongoTemplate store, MockProducer<Object, Object> producer, Duration sweepInterval) {
		ProducerFactory<Object, Object> producers = new ProducerFactory<>() {

			@Override
			public Producer<Object, Object> createProducer() {
				return producer;
			}

		};
		this.relay = new OutboxRelay(store, new KafkaTemplate<>(producers),
				new OutboxRelay.Settings("things", "_id", 100, Duration.ofMillis(100), Duration.ofMillis(50),
						Duration.ofMillis(200), Duration.ofMillis(200), sweepInterval),
				this.meters);
		this.relay.afterPropertiesSet();
	}

	private double gauge() {
		return this.meters.get("recourse.outbox.pending.documents").gauge().value();
	}

	private static byte[] bytes(String topic, Object value) {
		return (value instanceof byte[] bytes) ? bytes : String.valueOf(value).getBytes();
	}

	private static Document pending(String id) {
		return new Document(Map.of("_id", id, OutboxRelay.PENDING, true, OutboxRelay.OUTBOX,
				List.of(new Document(Map.of("eventId", id + "-e1", "topic", "recourse.things", "key", id, "payload",
						new Binary(new byte[] { 1, 2, 3 }))))));
	}

}
