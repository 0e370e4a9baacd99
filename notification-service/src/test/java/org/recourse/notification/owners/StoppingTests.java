package org.recourse.notification.owners;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.recourse.events.CaseRouted;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.notification.NotificationApplication;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the service does with a backlog of notices when it is told to stop (SIGTERM: a
 * deploy, a scale-down, Ctrl-C): it starts no further delivery, records those in flight
 * while its store is still open, and leaves the rest due for the next start. The test
 * starts and closes the application itself, on its own broker.
 */
class StoppingTests {

	static final int SMTP = 3127;

	private static final int NOTICES = 600;

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	private static final WebhookServer hooks = WebhookServer.start();

	@RegisterExtension
	static GreenMailExtension smtp = new GreenMailExtension(
			new ServerSetup(SMTP, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
		.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

	private EmbeddedKafkaKraftBroker broker;

	private ConfigurableApplicationContext context;

	@BeforeEach
	void start() throws IOException {
		this.broker = new EmbeddedKafkaKraftBroker(1, 1, StaffNoticeFlowTests.CASES, "recourse.cases.DLT",
				"recourse.reporter-contacts", "recourse.reporter-contacts.DLT", "recourse.reporter-updates",
				StaffNoticeFlowTests.DEAD_LETTERS, StaffNoticeFlowTests.OUTCOMES);
		this.broker.afterPropertiesSet();
		Path directory = Files.createTempFile("staff-directory", ".json");
		directory.toFile().deleteOnExit();
		Files.writeString(directory, StaffNoticeMother.directory(hooks));
		this.context = new SpringApplicationBuilder(NotificationApplication.class).run("--server.port=0",
				"--spring.mongodb.uri=" + mongo.uri("recourse_notification"),
				"--spring.kafka.bootstrap-servers=" + this.broker.getBrokersAsString(),
				"--recourse.staff.directory=" + directory.toUri(), "--recourse.topics.partitions=1",
				"--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP, "--recourse.mail.poll-interval=200ms",
				"--recourse.staff-notices.poll-interval=200ms", "--recourse.staff-notices.initial-backoff=100ms",
				"--recourse.staff-notices.max-backoff=200ms", "--recourse.staff-notices.digest-interval=1h",
				"--recourse.links.triage-base-url=https://triage.example/", "--recourse.mail.scan-interval=1h",
				"--recourse.staff-notices.scan-interval=1h", "--recourse.outbox.sweep-interval=1h");
	}

	@AfterEach
	void stop() {
		this.context.close();
		this.broker.destroy();
	}

	@Test
	void stopsSendingWhenTheServiceStopsRecordsEveryEmailItSentAndLeavesTheRestDue() {
		// the notices pile up while the mail server is away, then go out as a backlog
		smtp.stop();
		try (KafkaProbe kafka = new KafkaProbe(this.broker.getBrokersAsString())) {
			for (int i = 0; i < NOTICES; i++) {
				CaseRouted routed = StaffNoticeMother.routed("bob.owner");
				kafka.send(StaffNoticeFlowTests.CASES, StaffNoticeMother.key(routed), routed);
			}
		}
		MongoTemplate store = this.context.getBean(MongoTemplate.class);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(store.getCollection(StaffNotifications.COLLECTION).countDocuments())
				.isEqualTo(NOTICES));
		smtp.start();
		await().atMost(PATIENCE).until(() -> smtp.getReceivedMessages().length >= 20);

		int beforeTheStop = smtp.getReceivedMessages().length;
		this.context.close();

		List<String> received = messageIds(smtp.getReceivedMessages());
		assertThat(received.size())
			.as("after the stop, only the deliveries in flight (4 at a time) finish; a few more may have gone out "
					+ "between counting and closing")
			.isLessThanOrEqualTo(beforeTheStop + 20);
		try (MongoClient client = MongoClients.create(mongo.uri("recourse_notification"))) {
			MongoCollection<Document> notices = client.getDatabase("recourse_notification")
				.getCollection(StaffNotifications.COLLECTION);
			List<String> recordedSent = new ArrayList<>();
			notices.find(Filters.eq("emailOutcome", "SENT"))
				.forEach((notice) -> recordedSent.add(notice.getString("emailMessageId")));
			assertThat(recordedSent).as("every e-mail the mail server took is recorded as sent, and only those")
				.containsExactlyInAnyOrderElementsOf(received);
			assertThat(notices.countDocuments(Filters.eq("emailPending", true)))
				.as("the stop ended the backlog's tick: most notices wait for the next start")
				.isGreaterThan(NOTICES / 2);
			assertThat(notices.countDocuments(Filters.exists("emailClaimedUntil"))).as("no claim left behind to lapse")
				.isZero();
		}
	}

	/**
	 * The local parts of the messages' ids ({@code <id@domain>}), as the store keeps
	 * them.
	 */
	private static List<String> messageIds(MimeMessage[] messages) {
		return Arrays.stream(messages).map((message) -> {
			try {
				String id = message.getMessageID();
				return id.substring(1, id.indexOf('@'));
			}
			catch (MessagingException ex) {
				throw new IllegalStateException(ex);
			}
		}).toList();
	}

}
