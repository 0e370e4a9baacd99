package org.recourse.notification.mail;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recourse.events.CaseAcknowledged;
import org.recourse.events.CaseQueue;
import org.recourse.events.CaseRouted;
import org.recourse.events.DeliveryOutcome;
import org.recourse.events.DeliveryResult;
import org.recourse.events.NotificationAudience;
import org.recourse.events.NotificationChannel;
import org.recourse.events.ReporterContactRegistered;
import org.recourse.events.Severity;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.notification.contact.ContactMother;
import org.recourse.notification.delivery.DeliveryOutcomes;
import org.recourse.notification.delivery.DueWork;
import org.recourse.notification.delivery.Interleaving;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * Reporter e-mails against a real SMTP server (GreenMail): one e-mail per update even
 * when the case event is redelivered, delivered after an SMTP outage, and saying nothing
 * but that there is news. The polls query the store for due e-mails only at the start
 * (scan and sweep intervals of an hour): every e-mail here, retries and late contacts
 * included, is found through what the service handed over in memory.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1", "spring.mail.host=127.0.0.1", "spring.mail.port=" + ReporterMailFlowTests.SMTP,
		"recourse.mail.poll-interval=200ms", "recourse.mail.initial-backoff=200ms", "recourse.mail.max-backoff=1s",
		"recourse.mail.status-page-url=https://recourse.example/status", "recourse.mail.scan-interval=1h",
		"recourse.outbox.sweep-interval=1h" })
@EmbeddedKafka(partitions = 1,
		topics = { "recourse.cases", "recourse.cases.DLT", "recourse.reporter-contacts",
				"recourse.reporter-contacts.DLT", "recourse.reporter-updates", ReporterMailer.DEAD_LETTERS })
@DirtiesContext
class ReporterMailFlowTests {

	static final int SMTP = 3125;

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	private static final String REPORT_TEXT = "Candidates over 50 are a poor cultural fit";

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(SMTP, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoTemplate store;

	@Autowired
	JavaMailSender mailSender;

	@Autowired
	@Qualifier("reporterMailDue")
	DueWork mailDue;

	@Autowired
	UpdateClaims claims;

	@Autowired
	MailSettings mailSettings;

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
	void sendsOneEmailPerUpdateEvenWhenTheCaseEventIsRedelivered() throws Exception {
		String email = ContactMother.email();
		CaseRouted routed = registerAndRoute(email);
		this.kafka.send("recourse.cases", routed.getReportId().toString(), routed);
		CaseAcknowledged acknowledged = new CaseAcknowledged(UUID.randomUUID(), Instant.now(), routed.getReportId(),
				routed.getCaseId(), "alice.owner");
		this.kafka.send("recourse.cases", routed.getReportId().toString(), acknowledged);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailsTo(email)).hasSize(2));
		assertThat(mailsTo(email)).hasSize(2);
	}

	@Test
	void mailsABurstOfUpdatesSeveralAtATimeEachOnce() throws Exception {
		List<String> emails = new ArrayList<>();
		List<String> reportIds = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			emails.add(ContactMother.email());
			reportIds.add(registerAndRoute(emails.get(i)).getReportId().toString());
		}

		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(emails).allSatisfy((email) -> assertThat(mailsTo(email)).hasSize(1)));
		// and no second one follows: each update was tried once and recorded as sent
		await().during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(emails).allSatisfy((email) -> assertThat(mailsTo(email)).hasSize(1)));
		assertThat(this.store.find(Query.query(Criteria.where("reportId").in(reportIds)), org.bson.Document.class,
				ReporterMailer.COLLECTION))
			.hasSize(30)
			.allSatisfy((update) -> assertThat(update).containsEntry("mailOutcome", "SENT")
				.containsEntry("mailAttempts", 1));
		assertThat(this.mailSettings.concurrency()).isGreaterThan(1);
	}

	/**
	 * Two mailer threads, two updates of one report, both without a contact: while one
	 * thread handles the contact's arrival for the first, the other remembers the second.
	 * The second must stay remembered (the other thread then sees the contact and reopens
	 * it), not be deleted with the first.
	 */
	@Test
	void keepsAnUpdateRememberedWhileTheContactsArrivalIsHandled() {
		String reportId = UUID.randomUUID().toString();
		LateContacts late = new LateContacts(this.store, Clock.systemUTC(), this.mailDue);
		late.remember(reportId, "update-1");
		LateContacts arriving = new LateContacts(
				Interleaving.afterFirstRead(this.store, () -> late.remember(reportId, "update-2")), Clock.systemUTC(),
				this.mailDue);

		arriving.contactArrived(reportId);

		org.bson.Document waiting = this.store.findById(reportId, org.bson.Document.class, LateContacts.COLLECTION);
		assertThat(waiting).isNotNull();
		assertThat(waiting.getList("updateIds", String.class)).containsExactly("update-2");
		late.contactArrived(reportId);
		assertThat(this.store.findById(reportId, org.bson.Document.class, LateContacts.COLLECTION)).isNull();
	}

	@Test
	void saysOnlyThatThereIsNewsAndShowsTheAddressOnlyInTo() throws Exception {
		String email = ContactMother.email();
		registerAndRoute(email);

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailsTo(email)).hasSize(1));
		MimeMessage mail = mailsTo(email)[0];
		assertThat(mail.getSubject()).isEqualTo(ReporterNewsMail.SUBJECT);
		assertThat(mail.getRecipients(Message.RecipientType.TO)).extracting(Object::toString).containsExactly(email);
		String headersWithoutTo = GreenMailUtil.getHeaders(mail).replaceAll("(?m)^To: .*$", "");
		assertThat(headersWithoutTo).doesNotContain(email);
		String body = GreenMailUtil.getBody(mail);
		assertThat(body).contains("https://recourse.example/status")
			.doesNotContain(email)
			.doesNotContain(REPORT_TEXT)
			.doesNotContain("alice.owner");
	}

	@Test
	void sendsAMailAgainWithTheSameMessageIdWhenItsSendingWasNeverRecorded() throws Exception {
		String email = ContactMother.email();
		String other = ContactMother.email();
		CaseRouted routed = registerAndRoute(email);
		registerAndRoute(other);
		Query update = Query.query(Criteria.where("_id").is(routed.getEventId().toString()));
		await().atMost(Duration.ofSeconds(60))
			.until(() -> this.store.count(
					Query.query(Criteria.where("_id").is(routed.getEventId().toString()).and("mailOutcome").is("SENT")),
					ReporterMailer.COLLECTION) == 1);
		assertThat(mailsTo(email)).hasSize(1);

		// as if the sender died after the mail server took the mail, before recording it
		this.store.updateFirst(update,
				new Update().set("mailPending", true).set("mailDueAt", Instant.now()).unset("mailOutcome"),
				ReporterMailer.COLLECTION);
		// the restarted replica's first poll asks the store
		this.mailDue.scanSoon();

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailsTo(email)).hasSize(2));
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailsTo(other)).hasSize(1));
		String messageId = mailsTo(email)[0].getMessageID();
		assertThat(messageId).matches("<[0-9a-f-]{36}@recourse\\.example>");
		assertThat(mailsTo(email)[1].getMessageID()).isEqualTo(messageId);
		assertThat(mailsTo(other)[0].getMessageID()).isNotEqualTo(messageId);
	}

	/**
	 * Replica A's claim lapsed while its send was slow; replica B reads the update, then
	 * A records the sent e-mail, then B writes its claim. B must not win: it would mail
	 * the reporter a second time.
	 */
	@Test
	void aClaimDoesNotTakeAnUpdateWhoseAttemptWasRecordedSinceItWasRead() {
		String id = UUID.randomUUID().toString();
		// due in an hour: the service's own poll leaves it alone
		Instant due = Instant.now().plus(Duration.ofHours(1));
		this.store.insert(new Document(Map.of("_id", id, "reportId", UUID.randomUUID().toString(), "mailPending", true,
				"mailDueAt", Date.from(due), UpdateClaims.CLAIMS, 0)), ReporterMailer.COLLECTION);
		try {
			assertThat(this.claims.claim(id, due.minusSeconds(1))).as("not yet due").isEmpty();
			assertThat(this.claims.claim(id, due)).as("replica A's claim").isPresent();
			assertThat(this.claims.claim(id, due.plusSeconds(1))).as("while A's claim holds").isEmpty();
			Instant afterTheClaimExpired = due.plus(Duration.ofMinutes(3));
			AtomicBoolean aRecorded = new AtomicBoolean();
			MongoTemplate replicaB = Interleaving.afterFirstRead(this.store, () -> {
				this.claims.record(id, new Update().set("mailPending", false).set("mailOutcome", "SENT"));
				aRecorded.set(true);
			});

			assertThat(new UpdateClaims(replicaB, this.mailSettings).claim(id, afterTheClaimExpired)).isEmpty();
			assertThat(aRecorded).isTrue();
			assertThat(this.store.findById(id, Document.class, ReporterMailer.COLLECTION))
				.containsEntry("mailOutcome", "SENT")
				.containsEntry(UpdateClaims.CLAIMS, 2);
		}
		finally {
			this.store.remove(Query.query(Criteria.where("_id").is(id)), ReporterMailer.COLLECTION);
		}
	}

	@Test
	void givesUpOnAMailServerThatStopsAnsweringRatherThanWaitingForever() {
		// the one sending thread also runs every other scheduled task of the service
		assertThat(((JavaMailSenderImpl) this.mailSender).getJavaMailProperties())
			.containsEntry("mail.smtp.connectiontimeout", "10000")
			.containsEntry("mail.smtp.timeout", "30000")
			.containsEntry("mail.smtp.writetimeout", "30000");
	}

	@Test
	void deliversAfterAnSmtpOutage() throws Exception {
		smtp.stop();
		String email = ContactMother.email();
		CaseRouted routed = registerAndRoute(email);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.store.count(
					Query.query(
							Criteria.where("reportId").is(routed.getReportId().toString()).and("mailAttempts").gte(2)),
					ReporterMailer.COLLECTION))
				.isPositive());

		smtp.start();
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailsTo(email)).hasSize(1));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(
					() -> assertThat(this.kafka.events(DeliveryOutcomes.OUTCOMES, routed.getReportId().toString()))
						.map(DeliveryOutcome.class::cast)
						.filteredOn((outcome) -> outcome.getAudience() == NotificationAudience.REPORTER)
						.allSatisfy((outcome) -> {
							assertThat(outcome.getCauseEventId()).isEqualTo(routed.getEventId().toString());
							assertThat(outcome.getChannel()).isEqualTo(NotificationChannel.EMAIL);
						})
						.extracting(DeliveryOutcome::getResult, DeliveryOutcome::getReasonCategory)
						.contains(tuple(DeliveryResult.FAILED, "CONNECTION"))
						.endsWith(tuple(DeliveryResult.SENT, null)));
		assertThat(new String(this.kafka.records(DeliveryOutcomes.OUTCOMES)
			.stream()
			.map((record) -> new String(record.value(), StandardCharsets.ISO_8859_1))
			.reduce("", String::concat))).doesNotContain(email);
	}

	/**
	 * The contact travels on its own topic and can arrive after the update it is for was
	 * due (found by the fault suite: a restarted replica's contact listener took its
	 * partitions ten seconds after its case listener): the update must still be mailed,
	 * once, when the contact comes.
	 */
	@Test
	void mailsAnUpdateWhoseContactArrivedAfterIt() throws Exception {
		String email = ContactMother.email();
		String reporterRef = "ref-" + UUID.randomUUID();
		UUID reportId = UUID.randomUUID();
		this.kafka.send("recourse.cases", reportId.toString(), routed(reportId, reporterRef));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.store.find(
					Query.query(Criteria.where("reportId").is(reportId.toString()).and("mailOutcome").is("NO_CONTACT")),
					org.bson.Document.class, "reporter_updates"))
				.hasSize(1));

		this.kafka.send("recourse.reporter-contacts", reportId.toString(), contact(reportId, reporterRef, email));

		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(mailsTo(email)).hasSize(1));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(this.store.find(
					Query.query(Criteria.where("reportId").is(reportId.toString()).and("mailOutcome").is("SENT")),
					org.bson.Document.class, "reporter_updates"))
				.hasSize(1));
		assertThat(this.store.findById(reportId.toString(), org.bson.Document.class, LateContacts.COLLECTION))
			.as("nothing left waiting")
			.isNull();
		assertThat(mailsTo(email)).hasSize(1);
	}

	private static ReporterContactRegistered contact(UUID reportId, String reporterRef, String email) throws Exception {
		return ReporterContactRegistered.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.now())
			.setReportId(reportId)
			.setReporterRef(reporterRef)
			.setSealedContact(ByteBuffer.wrap(ContactMother.seal(email, reporterRef)))
			.build();
	}

	private static CaseRouted routed(UUID reportId, String reporterRef) {
		return CaseRouted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.now())
			.setReportId(reportId)
			.setCaseId(UUID.randomUUID().toString())
			.setReporterRef(reporterRef)
			.setAiSystemId("hr-assistant")
			.setQueue(CaseQueue.OWNER)
			.setOwnerId("alice.owner")
			.setSeverity(Severity.HIGH)
			.setAcknowledgeBy(Instant.now().plusSeconds(3600))
			.setResolveBy(Instant.now().plusSeconds(86400))
			.build();
	}

	private CaseRouted registerAndRoute(String email) throws Exception {
		String reporterRef = "ref-" + UUID.randomUUID();
		UUID reportId = UUID.randomUUID();
		this.kafka.send("recourse.reporter-contacts", reportId.toString(), contact(reportId, reporterRef, email));
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(
					this.store.count(Query.query(Criteria.where("reportId").is(reportId.toString())), "contact_vault"))
				.isEqualTo(1));
		CaseRouted routed = routed(reportId, reporterRef);
		this.kafka.send("recourse.cases", reportId.toString(), routed);
		return routed;
	}

	private static MimeMessage[] mailsTo(String email) {
		return java.util.Arrays.stream(smtp.getReceivedMessages()).filter((mail) -> {
			try {
				return mail.getRecipients(Message.RecipientType.TO)[0].toString().equals(email);
			}
			catch (jakarta.mail.MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toArray(MimeMessage[]::new);
	}

}
