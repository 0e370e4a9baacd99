package org.recourse.triage.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.RegulatoryReportFiled;
import org.recourse.events.SeriousIncidentCategory;
import org.recourse.events.SeriousIncidentFlagged;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.triage.sla.SeriousIncident;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import io.micrometer.core.instrument.MeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * The regulatory track of a potential serious incident through the API and the case page:
 * the owner working a case flags it with its deadline class, compliance records the
 * report to the authority on any case; each step is an audit entry and an event, and each
 * refusal a sentence with nothing changed. Also: closed cases are refused as a queue
 * filter. The clock stands at {@link #NOW}.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1", "recourse.sla.scan-interval=1h" })
@EmbeddedKafka(partitions = 1, topics = CaseEventsOutbox.CASES)
@AutoConfigureMockMvc
@DirtiesContext
class SeriousIncidentFlowTests {

	// Tuesday 9 June 2026, 11:00 in Berlin
	private static final Instant NOW = Instant.parse("2026-06-09T09:00:00Z");

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	private static final RequestPostProcessor ALICE = user("alice.owner").roles("OWNER");

	private static final RequestPostProcessor BOB = user("bob.owner").roles("OWNER");

	private static final RequestPostProcessor COMPLIANCE = user("casey.compliance").roles("COMPLIANCE");

	@TestBean(methodName = "org.recourse.triage.cases.SeriousIncidentFlowTests#clock")
	Clock clock;

	@Autowired
	MockMvcTester mvc;

	@Autowired
	CaseStore cases;

	@Autowired
	QueueIndex queues;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	MeterRegistry meters;

	private KafkaProbe kafka;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri("recourse_triage"));
	}

	static Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
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
	void theOwnerFlagsAPotentialSeriousIncidentWithItsDeadlineClass() {
		Case acknowledged = stored(acknowledgedCase());
		Instant awareAt = NOW.minus(Duration.ofHours(1));
		double flaggedBefore = flaggedCount("death");

		MvcTestResult flagged = post(acknowledged, "serious-incident", ALICE,
				"\"category\": \"DEATH\", \"awareAt\": \"" + awareAt + "\", \"reason\": \"A patient died\"");

		assertThat(flagged).hasStatusOk();
		assertThat(flagged).bodyJson().extractingPath("$.seriousIncident.category").isEqualTo("DEATH");
		assertThat(flagged).bodyJson()
			.extractingPath("$.seriousIncident.reportDueAt")
			.isEqualTo(awareAt.plus(Duration.ofDays(10)).toString());
		Case stored = this.cases.findById(acknowledged.getId()).orElseThrow();
		assertThat(stored.getAudit().get(stored.getAudit().size() - 1)).satisfies((entry) -> {
			assertThat(entry.action()).isEqualTo("FLAG_SERIOUS_INCIDENT");
			assertThat(entry.actor()).isEqualTo("alice.owner");
			assertThat(entry.reason()).contains("DEATH").contains("A patient died");
		});
		assertThat(stored.getState()).isEqualTo(CaseState.ACKNOWLEDGED);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.kafka.events(CaseEventsOutbox.CASES, acknowledged.getReportId()))
				.filteredOn(SeriousIncidentFlagged.class::isInstance)
				.map(SeriousIncidentFlagged.class::cast)
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getCategory()).isEqualTo(SeriousIncidentCategory.DEATH);
					assertThat(event.getAwareAt()).isEqualTo(awareAt);
					assertThat(event.getReportDueAt()).isEqualTo(awareAt.plus(Duration.ofDays(10)));
					assertThat(event.getActor()).isEqualTo("alice.owner");
				}));
		assertThat(flaggedCount("death")).isEqualTo(flaggedBefore + 1);
	}

	@Test
	void complianceRecordsTheReportToTheAuthorityOnAnOwnersCase() {
		Case flagged = acknowledgedCase();
		flagged.flagSeriousIncident("alice.owner", SeriousIncident.WIDESPREAD_INFRINGEMENT,
				NOW.minus(Duration.ofDays(1)), "Every account saw it", NOW.minus(Duration.ofDays(1)));
		stored(flagged);

		MvcTestResult filed = post(flagged, "regulatory-report", COMPLIANCE, "\"reference\": \"MSA-2026-0042\"");

		assertThat(filed).hasStatusOk();
		assertThat(filed).bodyJson().extractingPath("$.seriousIncident.reportedAt").isEqualTo(NOW.toString());
		assertThat(filed).bodyJson().extractingPath("$.seriousIncident.reference").isEqualTo("MSA-2026-0042");
		assertThat(lastAudit(flagged)).satisfies((entry) -> {
			assertThat(entry.action()).isEqualTo("FILE_REGULATORY_REPORT");
			assertThat(entry.actor()).isEqualTo("casey.compliance");
		});
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.kafka.events(CaseEventsOutbox.CASES, flagged.getReportId()))
				.filteredOn(RegulatoryReportFiled.class::isInstance)
				.map(RegulatoryReportFiled.class::cast)
				.singleElement()
				.satisfies((event) -> {
					assertThat(event.getFiledAt()).isEqualTo(NOW);
					assertThat(event.getReportDueAt()).isEqualTo(NOW.plus(Duration.ofDays(1)));
					assertThat(event.getReference()).isEqualTo("MSA-2026-0042");
					assertThat(event.getCategory()).isEqualTo(SeriousIncidentCategory.WIDESPREAD_INFRINGEMENT);
				}));
		assertThat(this.meters.get("recourse.sla.outcomes")
			.tags("clock", "regulatory", "outcome", "met", "severity", "high", "system", "hr-assistant")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void refusesABadFlagWithTheFieldsAtFaultAndChangesNothing() {
		Case acknowledged = stored(acknowledgedCase());

		assertRefused(() -> post(acknowledged, "serious-incident", ALICE, "\"awareAt\": \"" + NOW + "\""), acknowledged,
				400, "category", "reason");
		assertRefused(() -> post(acknowledged, "serious-incident", ALICE,
				"\"category\": \"DEATH\", \"reason\": \"x\", \"awareAt\": \"" + NOW.plus(Duration.ofHours(1)) + "\""),
				acknowledged, 400, "Must not be in the future");
		assertRefused(
				() -> post(acknowledged, "serious-incident", ALICE,
						"\"category\": \"DEATH\", \"reason\": \"x\", " + "\"awareAt\": \""
								+ acknowledged.getOpenedAt().minusSeconds(1) + "\""),
				acknowledged, 400, "Must not be before when the reported output happened");
		assertRefused(
				() -> post(acknowledged, "serious-incident", ALICE, "\"category\": \"NOT_A_CLASS\", \"reason\": \"x\""),
				acknowledged, 400, "");
	}

	@Test
	void refusesStepsTheRegulatoryTrackDoesNotAllowNowWithASentence() {
		Case unflagged = stored(acknowledgedCase());
		assertRefused(() -> post(unflagged, "regulatory-report", COMPLIANCE, "\"reference\": \"MSA-1\""), unflagged,
				409, "flag it first");

		Case flagged = acknowledgedCase();
		flagged.flagSeriousIncident("alice.owner", SeriousIncident.DEATH, NOW.minus(Duration.ofHours(2)), "A death",
				NOW.minus(Duration.ofHours(2)));
		stored(flagged);
		assertRefused(() -> post(flagged, "serious-incident", ALICE, "\"category\": \"DEATH\", \"reason\": \"again\""),
				flagged, 409, "already flagged");
		assertRefused(
				() -> post(flagged, "regulatory-report", COMPLIANCE,
						"\"reference\": \"MSA-1\", \"filedAt\": \"" + NOW.minus(Duration.ofHours(3)) + "\""),
				flagged, 400, "Must not be before when the provider became aware");
		assertRefused(() -> post(flagged, "regulatory-report", COMPLIANCE, "\"reference\": \"\""), flagged, 400,
				"reference");
	}

	@Test
	void keepsTheOwnersWorkTheOwnersAndHidesTheCaseFromOtherOwners() {
		Case acknowledged = stored(acknowledgedCase());
		String flag = "\"category\": \"DEATH\", \"reason\": \"A patient died\"";

		assertRefused(() -> post(acknowledged, "progress", COMPLIANCE, "\"note\": \"looking\""), acknowledged, 403,
				"not act on it");
		assertRefused(() -> post(acknowledged, "serious-incident", BOB, flag), acknowledged, 404, "No such case");
		assertRefused(() -> this.mvc.post()
			.uri("/api/v1/cases/" + acknowledged.getId() + "/serious-incident")
			.with(ALICE)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\": 99, " + flag + "}")
			.exchange(), acknowledged, 409, "Someone else changed this case");

		assertThat(post(acknowledged, "serious-incident", COMPLIANCE, flag)).hasStatusOk();
	}

	@Test
	void offersTheRegulatoryFormsOnTheCasePageAndReadsTheirTimesInTheCasesZone() throws Exception {
		Case acknowledged = stored(acknowledgedCase());
		String page = this.mvc.get()
			.uri("/cases/" + acknowledged.getId())
			.with(ALICE)
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("serious-incident-form").doesNotContain("regulatory-report-form");

		MvcTestResult posted = this.mvc.post()
			.uri("/cases/" + acknowledged.getId() + "/serious-incident")
			.with(ALICE)
			.with(csrf())
			.param("version", String.valueOf(acknowledged.getVersion()))
			.param("category", "WIDESPREAD_INFRINGEMENT")
			.param("reason", "Everyone was told the wrong figure")
			.param("awareAtLocal", "2026-06-09T10:30")
			.exchange();

		assertThat(posted).hasStatus3xxRedirection().hasRedirectedUrl("/cases/" + acknowledged.getId());
		assertThat(posted).flash().containsKey("notice");
		Case flagged = this.cases.findById(acknowledged.getId()).orElseThrow();
		assertThat(flagged.getAwareAt()).isEqualTo(Instant.parse("2026-06-09T08:30:00Z"));
		String compliancePage = this.mvc.get()
			.uri("/cases/" + acknowledged.getId())
			.with(COMPLIANCE)
			.exchange()
			.getResponse()
			.getContentAsString();
		assertThat(compliancePage).contains("regulatory-report-form")
			.contains("Regulatory report (EU AI Act Art. 73, widespread infringement)")
			.doesNotContain("progress-form")
			.doesNotContain("serious-incident-form");

		MvcTestResult garbled = this.mvc.post()
			.uri("/cases/" + acknowledged.getId() + "/regulatory-report")
			.with(COMPLIANCE)
			.with(csrf())
			.param("version", String.valueOf(flagged.getVersion()))
			.param("reference", "MSA-9")
			.param("filedAtLocal", "yesterday")
			.exchange();
		assertThat(garbled).flash().containsEntry("problem", "Not done: give the time as a date and a time of day.");
		assertThat(this.cases.findById(acknowledged.getId()).orElseThrow().getRegulatoryReportedAt()).isNull();
	}

	@Test
	void refusesClosedCasesAsAQueueFilterAndSaysWhereTheyAre() throws Exception {
		MvcTestResult api = this.mvc.get()
			.uri("/api/v1/cases?owner=alice.owner&state=CLOSED")
			.with(COMPLIANCE)
			.exchange();
		assertThat(api).hasStatus(400);
		assertThat(api).bodyJson()
			.extractingPath("$.detail")
			.asString()
			.contains("Closed cases are not listed")
			.contains("GET /api/v1/audit");
		assertThat(this.mvc.get().uri("/api/v1/cases?owner=alice.owner&state=CLOSED").with(BOB)).hasStatus(403);

		MvcTestResult page = this.mvc.get().uri("/cases?state=CLOSED").with(ALICE).exchange();
		assertThat(page).hasStatusOk();
		assertThat(page.getResponse().getContentAsString()).contains("Closed cases are not listed")
			.contains("queue-empty");
	}

	private Case acknowledgedCase() {
		Case opened = CaseMother.highSeverityCaseOf("alice.owner", NOW.minus(Duration.ofDays(2)));
		opened.snapshotEscalationChain(CaseMother.HR_CHAIN);
		opened.acknowledge("alice.owner", NOW.minus(Duration.ofDays(2)).plusSeconds(600));
		return opened;
	}

	private Case stored(Case opened) {
		this.cases.insert(opened);
		this.queues.record(opened);
		return this.cases.findById(opened.getId()).orElseThrow();
	}

	private MvcTestResult post(Case about, String action, RequestPostProcessor who, String fields) {
		long version = this.cases.findById(about.getId()).orElseThrow().getVersion();
		return this.mvc.post()
			.uri("/api/v1/cases/" + about.getId() + "/" + action)
			.with(who)
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\": " + version + ", " + fields + "}")
			.exchange();
	}

	private void assertRefused(Supplier<MvcTestResult> request, Case about, int status, String... saying) {
		Case before = this.cases.findById(about.getId()).orElseThrow();
		MvcTestResult result = request.get();
		assertThat(result).hasStatus(status);
		assertThat(result.getResponse().getContentType()).isEqualTo("application/problem+json");
		String body = contentOf(result);
		for (String words : saying) {
			assertThat(body).contains(words);
		}
		Case after = this.cases.findById(about.getId()).orElseThrow();
		assertThat(after.getVersion()).isEqualTo(before.getVersion());
		assertThat(after.getAudit()).isEqualTo(before.getAudit());
		assertThat(after.getSeriousIncident()).isEqualTo(before.getSeriousIncident());
		assertThat(after.getRegulatoryReportedAt()).isEqualTo(before.getRegulatoryReportedAt());
	}

	private AuditEntry lastAudit(Case about) {
		List<AuditEntry> audit = this.cases.findById(about.getId()).orElseThrow().getAudit();
		return audit.get(audit.size() - 1);
	}

	private double flaggedCount(String category) {
		return this.meters.find("recourse.serious.incidents.flagged")
			.tags("category", category)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
	}

	private static String contentOf(MvcTestResult result) {
		try {
			return result.getResponse().getContentAsString();
		}
		catch (java.io.UnsupportedEncodingException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
