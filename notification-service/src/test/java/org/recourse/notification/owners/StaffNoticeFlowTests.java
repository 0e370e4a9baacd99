package org.recourse.notification.owners;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Stream;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseRouted;
import org.recourse.events.DeliveryOutcome;
import org.recourse.events.DeliveryResult;
import org.recourse.events.NotificationAudience;
import org.recourse.events.NotificationChannel;
import org.recourse.notification.delivery.Channel;
import org.recourse.events.ReporterContactRegistered;
import org.recourse.events.SlaWarning;
import org.recourse.events.outbox.OutboxRelay;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.events.testing.PoisonRecords;
import org.recourse.notification.contact.ContactMother;
import org.recourse.notification.delivery.Attempt;
import org.recourse.notification.delivery.Audience;
import org.recourse.notification.delivery.DeliveryOutcomes;
import org.recourse.notification.delivery.Interleaving;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Staff notices end to end: case events in on a real broker, e-mails out to a real SMTP
 * server (GreenMail), webhook posts to a real HTTP server, outcomes and dead letters back
 * on Kafka. The digest runs only when a test calls it. The polls query the store for due
 * notices only at the start (scan and sweep intervals of an hour): every delivery here,
 * retries included, is found through what the service handed over in memory.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1", "spring.mail.host=127.0.0.1", "spring.mail.port=" + StaffNoticeFlowTests.SMTP,
		"recourse.mail.poll-interval=200ms", "recourse.staff-notices.poll-interval=200ms",
		"recourse.staff-notices.initial-backoff=100ms", "recourse.staff-notices.max-backoff=500ms",
		"recourse.staff-notices.webhook-max-attempts=3", "recourse.staff-notices.digest-interval=1h",
		"recourse.links.triage-base-url=https://triage.example/", "recourse.mail.scan-interval=1h",
		"recourse.staff-notices.scan-interval=1h", "recourse.outbox.sweep-interval=1h" })
@EmbeddedKafka(partitions = 1,
		topics = { StaffNoticeFlowTests.CASES, "recourse.cases.DLT", "recourse.reporter-contacts",
				"recourse.reporter-contacts.DLT", "recourse.reporter-updates", StaffNoticeFlowTests.DEAD_LETTERS,
				StaffNoticeFlowTests.OUTCOMES })
@DirtiesContext
class StaffNoticeFlowTests {

	static final int SMTP = 3126;

	static final String CASES = "recourse.cases";

	static final String DEAD_LETTERS = "recourse.notifications.DLT";

	static final String OUTCOMES = "recourse.notification-outcomes";

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String HOSTILE = "x\r\nBcc: injected@evil.example\r\nX-Injected: yes\n\r\n<b>body</b>\u2028Cc: cc@evil.example";

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	static final WebhookServer hooks = WebhookServer.start();

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(SMTP, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MongoTemplate store;

	@Autowired
	ReminderDigest digest;

	@Autowired
	StaffNotifications notifications;

	@Autowired
	MeterRegistry meters;

	@Autowired
	DeliveryOutcomes outcomes;

	@Autowired
	@Qualifier("staffNotificationsRelay")
	OutboxRelay staffRelay;

	@Autowired
	StaffNoticeSettings staffSettings;

	private KafkaProbe kafka;

	@DynamicPropertySource
	static void storeAndStaff(DynamicPropertyRegistry registry) throws IOException {
		registry.add("spring.mongodb.uri", () -> mongo.uri("recourse_notification"));
		Path directory = Files.createTempFile("staff-directory", ".json");
		directory.toFile().deleteOnExit();
		Files.writeString(directory, StaffNoticeMother.directory(hooks));
		registry.add("recourse.staff.directory", () -> directory.toUri().toString());
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
	void tellsTheOwnerOfANewCaseOnceEvenWhenTheEventIsRedelivered() throws Exception {
		CaseRouted routed = StaffNoticeMother.routed("bob.owner");
		send(routed.getReportId(), routed);
		send(routed.getReportId(), routed);
		SlaWarning later = StaffNoticeMother.warning(routed);
		send(routed.getReportId(), later);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(mailsTo("bob@staff.example", routed)).hasSize(2));
		assertThat(mailsTo("bob@staff.example", routed)).extracting(MimeMessage::getSubject)
			.containsExactlyInAnyOrder("[Recourse] New case for hr-assistant (HIGH)",
					"[Recourse] Reminder: first-response due " + dueIn(routed) + ", hr-assistant (HIGH)");
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(outcomes(routed, routed.getEventId().toString()))
				.extracting(DeliveryOutcome::getChannel, DeliveryOutcome::getAudience, DeliveryOutcome::getResult)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(NotificationChannel.EMAIL,
						NotificationAudience.OWNER, DeliveryResult.SENT)));
		assertThat(this.meters
			.counter("recourse.notifications", "channel", "email", "audience", "owner", "outcome", "sent")
			.count()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void tellsTheNewOwnerTheOwnerOfAnAnswerAndTheEscalationLevelWithALinkToTheCase() throws Exception {
		CaseRouted routed = StaffNoticeMother.routed("alice.owner");
		send(routed.getReportId(), routed);
		send(routed.getReportId(), StaffNoticeMother.reassigned(routed, "bob.owner"));
		send(routed.getReportId(), StaffNoticeMother.answered(routed));
		send(routed.getReportId(), StaffNoticeMother.escalated(routed, "compliance", 2));

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(mailsTo("alice@staff.example", routed)).hasSize(1);
			assertThat(mailsTo("bob@staff.example", routed)).hasSize(2);
			assertThat(mailsTo("compliance@staff.example", routed)).hasSize(1);
		});
		assertThat(mailsTo("bob@staff.example", routed)).extracting(MimeMessage::getSubject)
			.containsExactlyInAnyOrder("[Recourse] Case reassigned to you: hr-assistant (HIGH)",
					"[Recourse] The reporter answered your question: hr-assistant (HIGH)");
		MimeMessage escalation = mailsTo("compliance@staff.example", routed).get(0);
		assertThat(escalation.getSubject()).isEqualTo("[Recourse] Escalated to you (level 2): hr-assistant (HIGH)");
		assertThat(GreenMailUtil.getBody(escalation)).contains("https://triage.example/cases/" + routed.getCaseId(),
				"HIGH", "hr-assistant");

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(
					hooks.postsTo("/ok/alice").stream().filter((post) -> post.body().contains(routed.getCaseId())))
				.hasSize(1));
		WebhookServer.Post post = hooks.postsTo("/ok/alice")
			.stream()
			.filter((each) -> each.body().contains(routed.getCaseId()))
			.findFirst()
			.orElseThrow();
		assertThat(post.contentType()).startsWith("application/json");
		JsonNode body = JsonMapper.builder().build().readTree(post.body());
		assertThat(body.properties()).extracting(Map.Entry::getKey).containsExactly("text");
		assertThat(body.get("text").asString()).contains("New case for hr-assistant (HIGH)")
			.contains("https://triage.example/cases/" + routed.getCaseId());
	}

	@Test
	void tellsComplianceOfACaseWithoutOwner() throws Exception {
		CaseRouted routed = StaffNoticeMother.routed(null);
		send(routed.getReportId(), routed);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(mailsTo("compliance@staff.example", routed)).hasSize(1));
	}

	@Test
	void deliversAfterAnSmtpOutage() throws Exception {
		smtp.stop();
		CaseRouted routed = StaffNoticeMother.routed("bob.owner");
		send(routed.getReportId(), routed);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.store.count(
					Query.query(Criteria.where("_id").is(routed.getEventId().toString()).and("emailAttempts").gte(2)),
					StaffNotifications.COLLECTION))
				.isOne());

		smtp.start();
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(mailsTo("bob@staff.example", routed)).hasSize(1));
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(outcomes(routed, routed.getEventId().toString()))
				.extracting(DeliveryOutcome::getResult)
				.contains(DeliveryResult.FAILED)
				.endsWith(DeliveryResult.SENT)
				.doesNotContain(DeliveryResult.DEAD_LETTERED));
		assertThat(outcomes(routed, routed.getEventId().toString()))
			.filteredOn((o) -> o.getResult() != DeliveryResult.SENT)
			.extracting(DeliveryOutcome::getReasonCategory)
			.containsOnly("CONNECTION");
	}

	@Test
	void retriesAFailingWebhookThenDeadLettersItWithTheReason() throws Exception {
		CaseRouted routed = StaffNoticeMother.routed("bob.owner");
		CaseEscalated escalated = StaffNoticeMother.escalated(routed, "erin.deputy", 1);
		send(routed.getReportId(), routed);
		send(routed.getReportId(), escalated);
		String cause = escalated.getEventId().toString();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters(routed)).hasSize(1));
		JsonNode letter = deadLetters(routed).get(0);
		assertThat(letter.get("causeEventId").asString()).isEqualTo(cause);
		assertThat(letter.get("channel").asString()).isEqualTo("webhook");
		assertThat(letter.get("audience").asString()).isEqualTo("owner");
		assertThat(letter.get("reason").asString()).isEqualTo("HTTP_SERVER_ERROR");
		assertThat(letter.get("attempts").asInt()).isEqualTo(3);
		assertThat(hooks.postsTo("/broken/erin").stream().filter((post) -> post.body().contains(routed.getCaseId())))
			.hasSize(3);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(outcomes(routed, cause))
				.filteredOn((o) -> o.getChannel() == NotificationChannel.WEBHOOK)
				.extracting(DeliveryOutcome::getResult)
				.containsExactly(DeliveryResult.FAILED, DeliveryResult.FAILED, DeliveryResult.DEAD_LETTERED));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(mailsTo("erin@staff.example", routed)).hasSize(1));
		assertThat(this.meters
			.counter("recourse.notifications", "channel", "webhook", "audience", "owner", "outcome", "dead_lettered")
			.count()).isGreaterThanOrEqualTo(1);
	}

	@Test
	void deadLettersANoticeForSomeoneNotInTheStaffDirectoryAtOnce() throws Exception {
		CaseRouted routed = StaffNoticeMother.routed("bob.owner");
		CaseEscalated escalated = StaffNoticeMother.escalated(routed, "nobody.known", 1);
		send(routed.getReportId(), routed);
		send(routed.getReportId(), escalated);

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(deadLetters(routed)).hasSize(1));
		JsonNode letter = deadLetters(routed).get(0);
		assertThat(letter.get("causeEventId").asString()).isEqualTo(escalated.getEventId().toString());
		assertThat(letter.get("channel").asString()).isEqualTo("email");
		assertThat(letter.get("reason").asString()).isEqualTo("UNKNOWN_RECIPIENT");
		assertThat(letter.get("attempts").asInt()).isEqualTo(1);
		assertThat(this.kafka.records(DEAD_LETTERS))
			.allSatisfy((record) -> assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("@"));
	}

	@Test
	void gathersTheRemindersOfStaffWhoChoseADigestIntoOneEmail() throws Exception {
		List<CaseRouted> cases = List.of(StaffNoticeMother.routed("carol.owner"),
				StaffNoticeMother.routed("carol.owner"), StaffNoticeMother.routed("carol.owner"));
		for (CaseRouted routed : cases) {
			send(routed.getReportId(), routed);
			send(routed.getReportId(), StaffNoticeMother.warning(routed));
		}
		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(
					this.store.count(Query.query(Criteria.where("emailDigest").is(true).and("emailPending").is(true)),
							StaffNotifications.COLLECTION))
				.isEqualTo(3);
			assertThat(mailsTo("carol@staff.example")).hasSize(3);
		});
		assertThat(mailsTo("carol@staff.example")).extracting(MimeMessage::getSubject)
			.allMatch((subject) -> subject.startsWith("[Recourse] New case"));

		this.digest.sendDigests();

		await().atMost(PATIENCE).untilAsserted(() -> assertThat(mailsTo("carol@staff.example")).hasSize(4));
		MimeMessage digestMail = mailsTo("carol@staff.example").stream()
			.filter((mail) -> subject(mail).equals(StaffMail.DIGEST_SUBJECT))
			.findFirst()
			.orElseThrow();
		assertThat(GreenMailUtil.getBody(digestMail))
			.contains(cases.stream().map(CaseRouted::getCaseId).toArray(String[]::new));
		this.digest.sendDigests();
		assertThat(this.store.count(Query.query(Criteria.where("emailDigest").is(true).and("emailPending").is(true)),
				StaffNotifications.COLLECTION))
			.isZero();
		assertThat(mailsTo("carol@staff.example")).hasSize(4);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(cases)
				.allSatisfy((routed) -> assertThat(outcomes(routed, null)).filteredOn(DeliveryOutcome::getDigest)
					.extracting(DeliveryOutcome::getResult)
					.containsExactly(DeliveryResult.SENT)));
	}

	@Test
	void staffMessagesNeverCarryTheReporterOrTheReportText() throws Exception {
		String email = ContactMother.email();
		CaseRouted routed = StaffNoticeMother.routed("alice.owner");
		ReporterContactRegistered contact = ReporterContactRegistered.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.now())
			.setReportId(routed.getReportId())
			.setReporterRef(routed.getReporterRef())
			.setSealedContact(ByteBuffer.wrap(ContactMother.seal(email, routed.getReporterRef())))
			.build();
		this.kafka.send("recourse.reporter-contacts", routed.getReportId().toString(), contact);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.store
				.count(Query.query(Criteria.where("reportId").is(routed.getReportId().toString())), "contact_vault"))
				.isOne());
		send(routed.getReportId(), routed);
		send(routed.getReportId(), StaffNoticeMother.reassigned(routed, "bob.owner"));

		await().atMost(PATIENCE).untilAsserted(() -> {
			assertThat(mailsTo(email)).hasSize(2);
			assertThat(mailsTo("alice@staff.example", routed)).hasSize(1);
			assertThat(mailsTo("bob@staff.example", routed)).hasSize(1);
			assertThat(hooks.postsTo("/ok/alice").stream().filter((p) -> p.body().contains(routed.getCaseId())))
				.hasSize(1);
		});
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			String whole = GreenMailUtil.getWholeMessage(mail);
			if (isTo(mail, email)) {
				assertThat(GreenMailUtil.getHeaders(mail).replaceAll("(?m)^To: .*$", "")).doesNotContain(email);
				assertThat(GreenMailUtil.getBody(mail)).doesNotContain(email);
			}
			else {
				assertThat(whole).doesNotContain(email).doesNotContain(routed.getReporterRef());
			}
			assertThat(whole).doesNotContain(StaffNoticeMother.REPORT_TEXT);
		}
		assertThat(hooks.posts()).allSatisfy((post) -> assertThat(post.body()).doesNotContain(email)
			.doesNotContain(routed.getReporterRef())
			.doesNotContain(StaffNoticeMother.REPORT_TEXT));
		assertThat(this.kafka.records(OUTCOMES))
			.allSatisfy((record) -> assertThat(new String(record.value(), java.nio.charset.StandardCharsets.ISO_8859_1))
				.doesNotContain(email)
				.doesNotContain(routed.getReporterRef()));
		assertThat(this.meters
			.counter("recourse.notifications", "channel", "email", "audience", "reporter", "outcome", "sent")
			.count()).isGreaterThanOrEqualTo(2);
	}

	/**
	 * Every text field of every event staff hear about, one at a time, carries a header
	 * injection attempt: no message may gain a recipient or a header, and every subject
	 * stays one line. Fields that name the recipient make the notice undeliverable (dead
	 * letter); the case id, which goes into the link, makes the event itself refused (on
	 * {@code recourse.cases.DLT}, no notice at all); every other field still gets its
	 * e-mail sent.
	 */
	@ParameterizedTest(name = "{0}")
	@MethodSource("everyTextFieldOfEveryStaffEvent")
	void noFieldOfAnEventCanInjectAHeader(String field, SpecificRecord event, boolean namesTheRecipient)
			throws Exception {
		UUID reportId = (UUID) event.get(event.getSchema().getField("reportId").pos());
		if (field.endsWith(".caseId")) {
			send(reportId, event);
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(this.kafka.records("recourse.cases.DLT"))
					.filteredOn((record) -> reportId.toString().equals(record.key()))
					.extracting(PoisonRecords::reason)
					.contains(field + " is not a UUID"));
			assertThat(smtp.getReceivedMessagesForDomain("evil.example")).isEmpty();
			return;
		}
		String caseId = (String) event.get(event.getSchema().getField("caseId").pos());
		List<String> causes = new java.util.ArrayList<>();
		if (!(event instanceof CaseRouted)) {
			CaseRouted opening = StaffNoticeMother.routed("alice.owner");
			opening.setCaseId(caseId);
			opening.setReportId(reportId);
			send(reportId, opening);
			causes.add(opening.getEventId().toString());
		}
		send(reportId, event);
		String cause = event.get(event.getSchema().getField("eventId").pos()).toString();
		causes.add(cause);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(
					this.store.count(Query.query(Criteria.where("_id").in(causes).and("emailPending").is(false)),
							StaffNotifications.COLLECTION))
				.isEqualTo(causes.size()));
		org.bson.Document notice = this.store.findById(cause, org.bson.Document.class, StaffNotifications.COLLECTION);
		assertThat(notice.getString("emailOutcome")).isEqualTo(namesTheRecipient ? "DEAD_LETTERED" : "SENT");
		assertThat(smtp.getReceivedMessagesForDomain("evil.example")).isEmpty();
		assertThat(smtp.getReceivedMessages()).hasSizeGreaterThanOrEqualTo(namesTheRecipient ? 0 : 1)
			.allSatisfy((mail) -> {
				assertThat(mail.getAllRecipients()).hasSize(1);
				assertThat(mail.getHeader("X-Injected")).isNull();
				assertThat(mail.getHeader("Bcc")).isNull();
				assertThat(mail.getHeader("Cc")).isNull();
				assertThat(mail.getSubject()).doesNotContain("\r", "\n");
				assertThat(GreenMailUtil.getHeaders(mail)).doesNotContainPattern("(?m)^(X-Injected|Bcc):");
			});
	}

	static Stream<Arguments> everyTextFieldOfEveryStaffEvent() {
		Map<Function<CaseRouted, SpecificRecord>, Set<String>> events = Map.of((routed) -> routed, Set.of("ownerId"),
				(routed) -> StaffNoticeMother.reassigned(routed, "bob.owner"), Set.of("toOwnerId"),
				StaffNoticeMother::answered, Set.of(), StaffNoticeMother::warning, Set.of(),
				(routed) -> StaffNoticeMother.escalated(routed, "compliance", 1), Set.of("escalatedTo"));
		return events.entrySet().stream().flatMap((event) -> {
			Schema schema = event.getKey().apply(StaffNoticeMother.routed("alice.owner")).getSchema();
			return schema.getFields().stream().filter((field) -> isText(field.schema())).map((field) -> {
				SpecificRecord hostile = event.getKey().apply(StaffNoticeMother.routed("alice.owner"));
				hostile.put(field.pos(), HOSTILE);
				return Arguments.of(schema.getName() + "." + field.name(), hostile,
						event.getValue().contains(field.name()));
			});
		});
	}

	private static boolean isText(Schema schema) {
		if (schema.getType() == Schema.Type.UNION) {
			return schema.getTypes().stream().anyMatch(StaffNoticeFlowTests::isText);
		}
		return schema.getType() == Schema.Type.STRING && schema.getLogicalType() == null;
	}

	private void send(UUID reportId, Object event) throws Exception {
		this.kafka.send(CASES, reportId.toString(), event);
	}

	private List<DeliveryOutcome> outcomes(CaseRouted routed, String cause) {
		return this.kafka.events(OUTCOMES, StaffNoticeMother.key(routed))
			.stream()
			.map(DeliveryOutcome.class::cast)
			.filter((outcome) -> cause == null || outcome.getCauseEventId().equals(cause))
			.toList();
	}

	private List<JsonNode> deadLetters(CaseRouted routed) {
		return this.kafka.records(DEAD_LETTERS)
			.stream()
			.filter((record) -> StaffNoticeMother.key(routed).equals(record.key()))
			.map(ConsumerRecord::value)
			.map((value) -> JsonMapper.builder().build().readTree(value))
			.toList();
	}

	private static String dueIn(CaseRouted routed) {
		return NoticeWording
			.view(new Notice(NoticeKind.REMINDER, "bob.owner", null, routed.getCaseId(), null, null,
					routed.getAcknowledgeBy(), "FIRST_RESPONSE", null), java.time.ZoneId.of("Europe/Berlin"), "x")
			.due();
	}

	static List<MimeMessage> mailsTo(String address, CaseRouted about) {
		return mailsTo(address).stream()
			.filter((mail) -> GreenMailUtil.getBody(mail).contains(about.getCaseId()))
			.toList();
	}

	static List<MimeMessage> mailsTo(String address) {
		return Arrays.stream(smtp.getReceivedMessages()).filter((mail) -> isTo(mail, address)).toList();
	}

	private static boolean isTo(MimeMessage mail, String address) {
		try {
			return mail.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String subject(MimeMessage mail) {
		try {
			return mail.getSubject();
		}
		catch (MessagingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The claim reads by _id and writes guarded by _id + claim count (so the embedded
	 * store never scans): one claim at a time, until it expires; not on a channel with
	 * nothing pending.
	 */
	@Test
	void aNoticeIsClaimedOnceUntilTheClaimExpires() {
		String id = java.util.UUID.randomUUID().toString();
		String digest = java.util.UUID.randomUUID().toString();
		// due in an hour, with no webhook: the delivery poll does not pick it up
		// meanwhile
		Instant now = Instant.now().plus(Duration.ofHours(1));
		this.store.insert(new StaffNotification(id, new Notice(NoticeKind.REMINDER, "claim.test", "report", "case",
				"hr-assistant", "HIGH", now, "FIRST_RESPONSE", null), now, false, false));
		// a reminder for the digest: the digest sends it, never the poll on its own
		this.store.insert(new StaffNotification(digest, new Notice(NoticeKind.REMINDER, "claim.test", "report", "case",
				"hr-assistant", "HIGH", now, "FIRST_RESPONSE", null), now, true, false));
		try {
			assertThat(this.notifications.claim(Channel.EMAIL, digest, now)).isEmpty();
			assertThat(this.notifications.claim(Channel.EMAIL, id, now)).isPresent();
			assertThat(this.notifications.claim(Channel.EMAIL, id, now.plusSeconds(119))).isEmpty();
			assertThat(this.notifications.claim(Channel.WEBHOOK, id, now)).isEmpty();
			assertThat(this.notifications.claim(Channel.EMAIL, id, now.plusSeconds(121))).isPresent();
			assertThat(this.notifications.claim(Channel.EMAIL, "no-such-notice", now)).isEmpty();
			assertThat(this.store.findById(id, org.bson.Document.class, StaffNotifications.COLLECTION))
				.containsEntry(StaffNotifications.CLAIMS, 2);
		}
		finally {
			this.store.remove(Query.query(Criteria.where("_id").in(id, digest)), StaffNotifications.COLLECTION);
		}
	}

	/**
	 * Replica A's claim expired while its send was slow; replica B reads the notice, then
	 * A records the sent attempt, then B writes its claim. B must not win: it would send
	 * the notice a second time.
	 */
	@Test
	void aClaimDoesNotTakeANoticeWhoseAttemptWasRecordedSinceItWasRead() {
		String id = UUID.randomUUID().toString();
		String reportId = UUID.randomUUID().toString();
		// due in an hour: the delivery poll does not pick it up meanwhile
		Instant now = Instant.now().plus(Duration.ofHours(1));
		this.store.insert(new StaffNotification(id, new Notice(NoticeKind.REMINDER, "claim.test", reportId,
				UUID.randomUUID().toString(), "hr-assistant", "HIGH", now, "FIRST_RESPONSE", null), now, false, false));
		try {
			assertThat(this.notifications.claim(Channel.EMAIL, id, now.minusSeconds(1))).as("not yet due").isEmpty();
			StaffNotification claimedByA = this.notifications.claim(Channel.EMAIL, id, now).orElseThrow();
			Instant afterTheClaimExpired = now.plus(Duration.ofMinutes(3));
			AtomicBoolean aFinished = new AtomicBoolean();
			MongoTemplate replicaB = Interleaving.afterFirstRead(this.store, () -> {
				this.notifications.record(claimedByA,
						Attempt.sent(reportId, id, Channel.EMAIL, Audience.OWNER, 1, false), afterTheClaimExpired);
				aFinished.set(true);
			});

			assertThat(new StaffNotifications(replicaB, this.outcomes, this.staffRelay, this.staffSettings)
				.claim(Channel.EMAIL, id, afterTheClaimExpired)).isEmpty();
			assertThat(aFinished).isTrue();
			assertThat(this.store.findById(id, org.bson.Document.class, StaffNotifications.COLLECTION))
				.containsEntry("emailPending", false);
		}
		finally {
			this.store.remove(Query.query(Criteria.where("_id").is(id)), StaffNotifications.COLLECTION);
		}
	}

}
