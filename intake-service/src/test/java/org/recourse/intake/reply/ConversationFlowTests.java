package org.recourse.intake.reply;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.OutcomeContested;
import org.recourse.events.ReporterReplied;
import org.recourse.events.ReporterUpdateType;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.intake.report.Report;
import org.recourse.intake.report.ReportForm;
import org.recourse.intake.report.ReportKind;
import org.recourse.intake.report.ReportRepository;
import org.recourse.intake.report.Severity;
import org.recourse.intake.report.SubmittingReport;
import org.recourse.intake.report.SubmittingReport.Receipt;
import org.recourse.intake.report.TimelineEntry;
import org.recourse.intake.status.ReadingStatus;
import org.recourse.intake.status.ReporterStatus;
import org.recourse.intake.status.UpdateMother;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * After filing: answering the owner, contesting the outcome, and retrying a submission
 * safely, from HTTP through the store and the outbox to a real broker.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1", "recourse.triage.base-url=http://127.0.0.1:1",
		"recourse.receipt.bcrypt-strength=4", "recourse.rate-limit.enabled=false" })
@AutoConfigureMockMvc
@EmbeddedKafka(partitions = 1, topics = { ConversationFlowTests.REPORTS, "recourse.reporter-contacts",
		ConversationFlowTests.UPDATES, ConversationFlowTests.UPDATES + ".DLT" })
class ConversationFlowTests {

	private static final EmbeddedMongo server = EmbeddedMongo.start();

	static final String REPORTS = "recourse.reports";

	static final String UPDATES = "recourse.reporter-updates";

	@Autowired
	private SubmittingReport submitting;

	@Autowired
	private ReadingStatus reading;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MockMvc mvc;

	@Autowired
	private RespondingToCase responding;

	@Autowired
	private ReportRepository reports;

	@Value("${spring.embedded.kafka.brokers}")
	private String brokers;

	private KafkaProbe kafka;

	@DynamicPropertySource
	static void mongo(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> server.uri("recourse_intake"));
	}

	@BeforeEach
	void probe() {
		this.kafka = new KafkaProbe(this.brokers);
	}

	@AfterEach
	void closeProbe() {
		this.kafka.close();
	}

	@Test
	void answersTheOwnersOpenQuestionOnceAndPublishesTheAnswer() throws Exception {
		Receipt receipt = this.submitting.submit(report("question"));
		String code = receipt.code().display();
		replyThroughApi(code, "Before any question").andExpect(status().isConflict());

		publishUpdate(receipt, ReporterUpdateType.QUESTION, "Which browser were you using?", Instant.now());
		await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(code).openQuestion() != null);

		replyThroughApi(code, "Firefox, on the intranet").andExpect(status().isAccepted());
		ReporterReplied replied = this.kafka.awaitEvents(REPORTS, receipt.reportId(), ReporterReplied.class).get(0);
		assertThat(replied.getMessage()).isEqualTo("Firefox, on the intranet");
		assertThat(statusOf(code).openQuestion()).isNull();
		assertThat(statusOf(code).timeline()).extracting(TimelineEntry::type).contains(TimelineEntry.REPLY);
		replyThroughApi(code, "Answering twice").andExpect(status().isConflict());
	}

	@Test
	void recordsADoubleSubmittedAnswerOnce() {
		Receipt receipt = this.submitting.submit(report("double"));
		String code = receipt.code().display();
		publishUpdate(receipt, ReporterUpdateType.QUESTION, "Which team?", Instant.now());
		await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(code).openQuestion() != null);
		Report seenByBothClicks = this.reports.findById(receipt.reportId()).orElseThrow();

		assertThat(this.responding.reply(seenByBothClicks, "Payments").action()).isEqualTo(ReporterAction.DONE);
		assertThat(this.responding.reply(seenByBothClicks, "Payments").action())
			.isEqualTo(ReporterAction.NO_OPEN_QUESTION);
		assertThat(statusOf(code).timeline()).filteredOn((entry) -> entry.type().equals(TimelineEntry.REPLY))
			.hasSize(1);
	}

	@Test
	void contestsAnOutcomeOnlyOnceWithinTheWindow() throws Exception {
		Receipt receipt = this.submitting.submit(report("contest"));
		String code = receipt.code().display();
		contestThroughApi(code).andExpect(status().isConflict());

		publishUpdate(receipt, ReporterUpdateType.RESOLVED, "The owner found the answer correct.", Instant.now());
		await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(code).contestable());

		contestThroughApi(code).andExpect(status().isAccepted());
		assertThat(this.kafka.awaitEvents(REPORTS, receipt.reportId(), OutcomeContested.class)).hasSize(1);
		contestThroughApi(code).andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail", containsString("can no longer be contested")));
	}

	@Test
	void refusesToContestAnOutcomeOlderThanFourteenDays() throws Exception {
		Receipt receipt = this.submitting.submit(report("late"));
		String code = receipt.code().display();
		Instant longAgo = Instant.now().minus(ReporterStatus.CONTEST_WINDOW).minus(Duration.ofHours(1));
		publishUpdate(receipt, ReporterUpdateType.RESOLVED, "Resolved long ago.", longAgo);
		await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(code).outcome() != null);

		assertThat(statusOf(code).contestable()).isFalse();
		contestThroughApi(code).andExpect(status().isConflict());
	}

	@Test
	void answersOnTheStatusPageActOnTheReportOpenedInTheSession() throws Exception {
		Receipt receipt = this.submitting.submit(report("web"));
		publishUpdate(receipt, ReporterUpdateType.QUESTION, "Can you paste the whole answer?", Instant.now());
		await().atMost(Duration.ofSeconds(30)).until(() -> statusOf(receipt.code().display()).openQuestion() != null);

		this.mvc.perform(post("/status/reply").with(csrf()).param("message", "No session yet"))
			.andExpect(view().name(ReplyController.LOOKUP_VIEW))
			.andExpect(content().string(containsString("enter your receipt code again")));

		MockHttpSession session = new MockHttpSession();
		this.mvc.perform(post("/status").with(csrf()).session(session).param("receiptCode", receipt.code().display()))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Can you paste the whole answer?")))
			.andExpect(content().string(org.hamcrest.Matchers.not(containsString(receipt.code().display()))));
		this.mvc.perform(post("/status/reply").with(csrf()).session(session).param("message", ""))
			.andExpect(status().isBadRequest())
			.andExpect(content().string(containsString("Write your answer before sending.")));
		this.mvc
			.perform(post("/status/reply").with(csrf()).session(session).param("message", "Here it is <b>in full</b>"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Your answer has been passed on")))
			.andExpect(content().string(containsString("Here it is &lt;b&gt;in full&lt;/b&gt;")));
		assertThat(this.kafka.awaitEvents(REPORTS, receipt.reportId(), ReporterReplied.class)).hasSize(1);
	}

	@Test
	void aRetriedSubmissionWithTheSameIdempotencyKeyReturnsTheFirstReceipt() throws Exception {
		String key = UUID.randomUUID().toString();
		String body = """
				{"aiSystemId": "hr-assistant", "kind": "WRONG_OUTPUT", "severity": "LOW",
				 "aiOutput": "idempotent %s", "whatIsWrong": "It made up a policy"}""".formatted(key);
		MvcResult first = submitThroughApi(key, body);
		MvcResult retry = submitThroughApi(key, body);

		assertThat(retry.getResponse().getContentAsString()).isEqualTo(first.getResponse().getContentAsString());
		assertThat(this.mongo.count(Query.query(Criteria.where("aiOutput").is("idempotent " + key)), "reports"))
			.isEqualTo(1);
		this.mvc
			.perform(post("/api/v1/reports").header("Idempotency-Key", key)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body.replace("It made up a policy", "Something else")))
			.andExpect(status().isUnprocessableContent())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
		this.mvc
			.perform(post("/api/v1/reports").header("Idempotency-Key", "short")
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail", containsString("8 to 128 visible ASCII characters")));
	}

	private MvcResult submitThroughApi(String key, String body) throws Exception {
		return this.mvc
			.perform(post("/api/v1/reports").header("Idempotency-Key", key)
				.contentType(MediaType.APPLICATION_JSON)
				.content(body))
			.andExpect(status().isCreated())
			.andReturn();
	}

	private org.springframework.test.web.servlet.ResultActions replyThroughApi(String code, String message)
			throws Exception {
		return this.mvc.perform(post("/api/v1/reports/replies").contentType(MediaType.APPLICATION_JSON)
			.content("{\"receiptCode\": \"" + code + "\", \"message\": \"" + message + "\"}"));
	}

	private org.springframework.test.web.servlet.ResultActions contestThroughApi(String code) throws Exception {
		return this.mvc.perform(post("/api/v1/reports/contest").contentType(MediaType.APPLICATION_JSON)
			.content("{\"receiptCode\": \"" + code + "\", \"reason\": \"The answer really was biased\"}"));
	}

	private ReporterStatus statusOf(String code) {
		return this.reading.read(code).orElseThrow();
	}

	private void publishUpdate(Receipt receipt, ReporterUpdateType type, String message, Instant at) {
		this.kafka.send(UPDATES, receipt.reportId(), UpdateMother.update(receipt.reportId(), type, message, at));
	}

	private static ReportForm report(String marker) {
		return new ReportForm("hr-assistant", null, ReportKind.WRONG_OUTPUT, null, Severity.MEDIUM,
				"Output for " + marker + " " + UUID.randomUUID(), "It is wrong", null, null, null, null);
	}

}
