package org.recourse.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recourse.notification.EmbeddedMongo;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Claims decide which replica sends a message: one claim at a time, taken over only once
 * it expired, never on a message already sent, and under a race of two replicas each
 * message is claimed exactly once.
 */
class ClaimsTests {

	private static final String COLLECTION = "messages";

	private static final Duration CLAIM_FOR = Duration.ofMinutes(2);

	private static final Instant NOW = Instant.parse("2026-06-09T09:00:00Z");

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	private static MongoClient client;

	private static MongoTemplate store;

	@BeforeAll
	static void connect() {
		client = MongoClients.create(mongo.uri("recourse_notification"));
		store = new MongoTemplate(client, "recourse_notification");
		store.indexOps(COLLECTION)
			.createIndex(new Index().on("_id", Sort.Direction.ASC)
				.on("mailClaims", Sort.Direction.ASC)
				.unique()
				.named("mail_claims"));
	}

	@AfterAll
	static void disconnect() {
		client.close();
	}

	private final Claims claims = new Claims(store, COLLECTION, "mail");

	@Test
	void claimsAPendingMessageOnceUntilTheClaimExpires() {
		String id = pending();

		assertThat(this.claims.claim(id, NOW, CLAIM_FOR)).isPresent();
		assertThat(this.claims.claim(id, NOW.plusSeconds(60), CLAIM_FOR)).as("claimed by another replica").isEmpty();
		assertThat(this.claims.claim(id, NOW.plus(CLAIM_FOR).plusSeconds(1), CLAIM_FOR))
			.as("its sender died; the claim expired")
			.isPresent();
	}

	@Test
	void neverClaimsAMessageThatWasSentOrGivenUp() {
		String id = pending();
		this.claims.claim(id, NOW, CLAIM_FOR);
		store.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("mailPending", false).unset("mailClaimedUntil"), COLLECTION);

		assertThat(this.claims.claim(id, NOW.plus(CLAIM_FOR).plusSeconds(1), CLAIM_FOR)).isEmpty();
		assertThat(this.claims.claim(UUID.randomUUID().toString(), NOW, CLAIM_FOR)).as("no such message").isEmpty();
	}

	@Test
	void twoReplicasRacingOverTheSameMessagesClaimEachOnce() throws Exception {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 50; i++) {
			ids.add(pending());
		}
		ConcurrentMap<String, AtomicInteger> won = new ConcurrentHashMap<>();
		ExecutorService replicas = Executors.newFixedThreadPool(2);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<CompletableFuture<Void>> racing = List.of(0, 1).stream().map((replica) -> {
				Claims own = new Claims(store, COLLECTION, "mail");
				return CompletableFuture.runAsync(() -> {
					awaitQuietly(start);
					ids.forEach((id) -> own.claim(id, NOW, CLAIM_FOR)
						.ifPresent(
								(claimed) -> won.computeIfAbsent(id, (key) -> new AtomicInteger()).incrementAndGet()));
				}, replicas);
			}).toList();
			start.countDown();
			CompletableFuture.allOf(racing.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
		}
		finally {
			replicas.shutdownNow();
		}

		assertThat(won.keySet()).containsExactlyInAnyOrderElementsOf(ids);
		assertThat(won.values()).allSatisfy((count) -> assertThat(count.get()).isEqualTo(1));
	}

	private static String pending() {
		String id = UUID.randomUUID().toString();
		store.insert(new Document("_id", id).append("mailPending", true).append("mailClaims", 0), COLLECTION);
		return id;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
