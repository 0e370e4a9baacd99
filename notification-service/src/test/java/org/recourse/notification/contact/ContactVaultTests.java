package org.recourse.notification.contact;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.awaitility.core.ConditionFactory;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.ReporterContactRegistered;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.events.testing.PoisonRecords;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.recourse.notification.contact.ContactMother.email;
import static org.recourse.notification.contact.ContactMother.key;
import static org.recourse.notification.contact.ContactMother.registered;
import static org.recourse.notification.contact.ContactMother.reporterRef;
import static org.recourse.notification.contact.ContactMother.seal;

/**
 * Sealed contacts in on a real (embedded) broker, the vault in a MongoDB-protocol store.
 * Contacts are sealed with intake's demo public key, which the service's default private
 * key opens.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1" })
@EmbeddedKafka(partitions = 1,
		topics = { "recourse.cases", "recourse.cases.DLT", ContactVaultTests.CONTACTS, ContactVaultTests.CONTACTS_DLT,
				"recourse.reporter-updates" })
@DirtiesContext
class ContactVaultTests {

	static final String CONTACTS = "recourse.reporter-contacts";

	static final String CONTACTS_DLT = "recourse.reporter-contacts.DLT";

	private static final String VAULT = "contact_vault";

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoTemplate store;

	@Autowired
	ContactCrypto crypto;

	private KafkaProbe kafka;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri("recourse_notification"));
	}

	@BeforeEach
	void connect() {
		this.kafka = new KafkaProbe(this.broker.getBrokersAsString());
	}

	@AfterEach
	void disconnect() {
		this.kafka.close();
	}

	@Test
	void storesTheContactEncryptedUnderTheVaultKey() throws Exception {
		String email = email();
		String ref = reporterRef();
		ReporterContactRegistered registered = registered(ref, seal(email, ref));

		this.kafka.send(CONTACTS, key(registered), registered);

		Document entry = awaitEntry(ref);
		byte[] encrypted = entry.get("encryptedContact", Binary.class).getData();
		assertThat(new String(encrypted, StandardCharsets.ISO_8859_1)).doesNotContain(email);
		assertThat(this.crypto.decryptAtRest(encrypted, ref)).isEqualTo(email);
		assertThat(entry.getString("reportId")).isEqualTo(key(registered));
	}

	@Test
	void keepsOneEntryWhenARegistrationIsRedelivered() throws Exception {
		String ref = reporterRef();
		ReporterContactRegistered registered = registered(ref, seal(email(), ref));
		String laterRef = reporterRef();
		ReporterContactRegistered later = registered(laterRef, seal(email(), laterRef));
		this.kafka.send(CONTACTS, key(registered), registered);
		Document first = awaitEntry(ref);

		this.kafka.send(CONTACTS, key(registered), registered);
		this.kafka.send(CONTACTS, key(later), later);

		awaitEntry(laterRef);
		assertThat(this.store.findAll(Document.class, VAULT)).filteredOn((entry) -> ref.equals(entry.get("_id")))
			.containsExactly(first);
	}

	@Test
	void deadLettersAContactSealedForAnotherReporter() throws Exception {
		String sealedFor = reporterRef();
		String claimedBy = reporterRef();
		ReporterContactRegistered tampered = registered(claimedBy, seal(email(), sealedFor));

		this.kafka.send(CONTACTS, key(tampered), tampered);

		// it can never open, so it is not retried: dead-lettered at once with the reason
		eventually().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.kafka.events(CONTACTS_DLT, key(tampered))).containsExactly(tampered));
		assertThat(this.kafka.records(CONTACTS_DLT)).filteredOn((record) -> key(tampered).equals(record.key()))
			.extracting(PoisonRecords::reason)
			.containsExactly(
					"ReporterContactRegistered.sealedContact does not open with this service's key for its reporterRef");
		assertThat(this.store.findById(claimedBy, Document.class, VAULT)).isNull();
		assertThat(this.store.findById(sealedFor, Document.class, VAULT)).isNull();
	}

	@Test
	void keepsOneContactPerReportAndDeadLettersASecondUnderAnotherReference() throws Exception {
		String ref = reporterRef();
		ReporterContactRegistered registered = registered(ref, seal(email(), ref));
		this.kafka.send(CONTACTS, key(registered), registered);
		Document first = awaitEntry(ref);
		String otherRef = reporterRef();
		ReporterContactRegistered other = ReporterContactRegistered
			.newBuilder(registered(otherRef, seal(email(), otherRef)))
			.setReportId(registered.getReportId())
			.build();

		this.kafka.send(CONTACTS, key(other), other);

		eventually().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.kafka.events(CONTACTS_DLT, key(other))).containsExactly(other));
		assertThat(this.kafka.records(CONTACTS_DLT)).filteredOn((record) -> key(other).equals(record.key()))
			.extracting(PoisonRecords::reason)
			.containsExactly("ReporterContactRegistered for report " + key(other)
					+ " names another reporterRef than the contact already stored for it");
		assertThat(this.store.findAll(Document.class, VAULT))
			.filteredOn((entry) -> key(registered).equals(entry.get("reportId")))
			.containsExactly(first);
	}

	private Document awaitEntry(String reporterRef) {
		return eventually().until(() -> this.store.findById(reporterRef, Document.class, VAULT),
				(entry) -> entry != null);
	}

	private static ConditionFactory eventually() {
		return await().atMost(Duration.ofSeconds(30));
	}

}
