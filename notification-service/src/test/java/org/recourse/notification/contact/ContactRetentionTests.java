package org.recourse.notification.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.testing.EmbeddedMongo;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Contacts are forgotten 30 days after their case closes, and not while it is open again.
 */
class ContactRetentionTests {

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

	private MongoClient client;

	private MongoTemplate store;

	private ContactRetention retention;

	@BeforeEach
	void connect() {
		this.client = MongoClients.create(mongo.uri("retention"));
		this.store = new MongoTemplate(this.client, "retention");
		this.store.dropCollection(VaultEntry.class);
		this.store.dropCollection(ContactRetention.CLOSURES);
		this.retention = new ContactRetention(this.store, Clock.fixed(NOW, ZoneOffset.UTC),
				new ContactRetention.Settings(Duration.ofDays(30)));
	}

	@AfterEach
	void disconnect() {
		this.client.close();
	}

	@Test
	void forgetsAContactThirtyDaysAfterItsCaseClosed() {
		store("ref-old", "report-old");
		store("ref-recent", "report-recent");
		store("ref-open", "report-open");
		this.retention.caseClosed("report-old", NOW.minus(Duration.ofDays(31)));
		this.retention.caseClosed("report-recent", NOW.minus(Duration.ofDays(29)));

		this.retention.purgeExpired();

		assertThat(remaining()).containsExactlyInAnyOrder("ref-recent", "ref-open");
	}

	@Test
	void keepsTheContactOfACaseReopenedAfterItClosed() {
		store("ref-reopened", "report-reopened");
		this.retention.caseClosed("report-reopened", NOW.minus(Duration.ofDays(40)));
		this.retention.caseReopened("report-reopened");

		this.retention.purgeExpired();
		this.retention.purgeExpired();

		assertThat(remaining()).containsExactly("ref-reopened");
	}

	@Test
	void forgetsAContactThatArrivedAfterItsCaseClosed() {
		this.retention.caseClosed("report-late", NOW.minus(Duration.ofDays(31)));
		store("ref-late", "report-late");
		this.retention.contactStored("report-late");

		this.retention.purgeExpired();

		assertThat(remaining()).isEmpty();
	}

	private void store(String reporterRef, String reportId) {
		this.store.insert(new VaultEntry(reporterRef, reportId, new byte[] { 1, 2, 3 }, NOW, null));
	}

	private java.util.List<String> remaining() {
		return this.store.findAll(Document.class, "contact_vault")
			.stream()
			.map((entry) -> entry.getString("_id"))
			.toList();
	}

}
