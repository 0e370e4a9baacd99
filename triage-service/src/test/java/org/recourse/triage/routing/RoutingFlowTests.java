package org.recourse.triage.routing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.CaseQueue;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseRepository;
import org.recourse.triage.cases.CaseState;
import org.recourse.triage.cases.Queue;
import org.recourse.triage.registry.AiSystem;
import org.recourse.triage.registry.AiSystemRepository;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import org.springframework.test.web.servlet.assertj.MvcTestResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.recourse.triage.routing.ReportMother.garbage;
import static org.recourse.triage.routing.ReportMother.key;
import static org.recourse.triage.routing.ReportMother.reportAbout;
import static org.recourse.triage.routing.ReportMother.reportAboutUnlistedSystem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;

/**
 * Reports in on a real (embedded) broker, cases in a MongoDB-protocol store, case events
 * out. Every test uses its own report ids, so tests share the context and its topics.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1" })
@EmbeddedKafka(partitions = 1,
		topics = { RoutingFlowTests.REPORTS, RoutingFlowTests.REPORTS_DLT, RoutingFlowTests.CASES })
@AutoConfigureMockMvc
@DirtiesContext
class RoutingFlowTests {

	static final String REPORTS = "recourse.reports";

	static final String REPORTS_DLT = "recourse.reports.DLT";

	static final String CASES = "recourse.cases";

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	@TestBean(methodName = "org.recourse.triage.routing.ReportMother#openingClock")
	Clock clock;

	@Autowired
	EmbeddedKafkaBroker broker;

	@Autowired
	CaseRepository cases;

	@Autowired
	AiSystemRepository systems;

	@Autowired
	MockMvcTester mvc;

	private static final RequestPostProcessor COMPLIANCE = user("casey.compliance").roles("COMPLIANCE");

	private KafkaProbe kafka;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri("recourse_triage"));
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
	void routesReportToAccountableOwner() throws Exception {
		ReportSubmitted report = reportAbout("hr-assistant");

		this.kafka.send(REPORTS, key(report), report);

		eventually().untilAsserted(() -> assertThat(caseRoutedEvents(report)).hasSize(1));
		Case routed = this.cases.findByReportId(key(report)).orElseThrow();
		assertThat(routed.getQueue()).isEqualTo(Queue.OWNER);
		assertThat(routed.getOwnerId()).isEqualTo("alice.owner");
		assertThat(routed.getState()).isEqualTo(CaseState.ROUTED);
		assertThat(routed.getReporterRef()).isEqualTo(report.getReporterRef());
		assertThat(routed.getCalendarZone()).isEqualTo("Europe/Berlin");
		// HIGH: 1 and 10 business days from Tue 11:00 in Berlin
		assertThat(routed.getAcknowledgeBy()).isEqualTo(Instant.parse("2026-06-10T09:00:00Z"));
		assertThat(routed.getResolveBy()).isEqualTo(Instant.parse("2026-06-23T09:00:00Z"));
		assertThat(caseRoutedEvents(report)).singleElement().satisfies((event) -> {
			assertThat(event.getCaseId()).isEqualTo(routed.getId());
			assertThat(event.getQueue()).isEqualTo(CaseQueue.OWNER);
			assertThat(event.getOwnerId()).isEqualTo("alice.owner");
			assertThat(event.getReporterRef()).isEqualTo(report.getReporterRef());
			assertThat(event.getAcknowledgeBy()).isEqualTo(routed.getAcknowledgeBy());
			assertThat(event.getResolveBy()).isEqualTo(routed.getResolveBy());
		});
	}

	@Test
	void queueListsOpenCasesNearestDeadlineFirstAndFilters() throws Exception {
		ReportSubmitted low = ReportSubmitted.newBuilder(reportAbout("code-copilot"))
			.setSeverity(org.recourse.events.Severity.LOW)
			.build();
		ReportSubmitted critical = ReportSubmitted.newBuilder(reportAbout("code-copilot"))
			.setSeverity(org.recourse.events.Severity.CRITICAL)
			.build();
		this.kafka.send(REPORTS, key(low), low);
		this.kafka.send(REPORTS, key(critical), critical);
		eventually().until(() -> this.cases.findByReportId(key(critical)).isPresent());

		MvcTestResult queue = this.mvc.get().uri("/api/v1/cases?owner=carol.owner").with(COMPLIANCE).exchange();
		assertThat(queue.getResponse().getHeader("X-Total-Count")).isEqualTo("2");
		assertThat(queue).bodyJson().extractingPath("$[*].severity").asArray().containsExactly("CRITICAL", "LOW");
		assertThat(this.mvc.get().uri("/api/v1/cases?owner=carol.owner&severity=LOW").with(COMPLIANCE)).bodyJson()
			.extractingPath("$[*].reportId")
			.asArray()
			.containsExactly(key(low));
		assertThat(this.mvc.get().uri("/api/v1/cases?owner=carol.owner&state=RESOLVED").with(COMPLIANCE)).bodyJson()
			.extractingPath("$.length()")
			.isEqualTo(0);
		assertThat(this.mvc.get().uri("/api/v1/cases?owner=carol.owner&breached=true").with(COMPLIANCE)).bodyJson()
			.extractingPath("$.length()")
			.isEqualTo(0);
		assertThat(this.mvc.get().uri("/api/v1/cases?owner=carol.owner&state=SOMEWHERE").with(COMPLIANCE))
			.hasStatus(400);
		assertThat(this.mvc.get().uri("/api/v1/cases").with(COMPLIANCE)).hasStatus(400);
	}

	@Test
	void opensOneCaseForAReportDeliveredTwice() throws Exception {
		ReportSubmitted report = reportAbout("hr-assistant");
		ReportSubmitted after = reportAbout("support-chatbot");

		this.kafka.send(REPORTS, key(report), report);
		this.kafka.send(REPORTS, key(report), report);
		this.kafka.send(REPORTS, key(after), after);

		eventually().until(() -> this.cases.findByReportId(key(after)).isPresent() && outboxDrained());
		assertThat(this.cases.findAll()).filteredOn((found) -> found.getReportId().equals(key(report))).hasSize(1);
		assertThat(caseRoutedEvents(report)).hasSize(1);
	}

	@Test
	void routesReportAboutUnknownSystemToGovernance() throws Exception {
		ReportSubmitted report = reportAbout("no-such-system");

		this.kafka.send(REPORTS, key(report), report);

		Case routed = awaitCase(report);
		assertThat(routed.getQueue()).isEqualTo(Queue.GOVERNANCE);
		assertThat(routed.getOwnerId()).isNull();
		// without a system calendar: office hours in UTC, from Tue 09:00 UTC
		assertThat(routed.getCalendarZone()).isEqualTo("UTC");
		assertThat(routed.getAcknowledgeBy()).isEqualTo(Instant.parse("2026-06-09T17:00:00Z"));
		assertThat(routed.getResolveBy()).isEqualTo(Instant.parse("2026-06-22T17:00:00Z"));
		eventually().untilAsserted(() -> assertThat(caseRoutedEvents(report)).singleElement()
			.satisfies((event) -> assertThat(event.getQueue()).isEqualTo(CaseQueue.GOVERNANCE))
			.satisfies((event) -> assertThat(event.getOwnerId()).isNull()));
	}

	@Test
	void routesReportAboutUnlistedSystemToGovernance() throws Exception {
		ReportSubmitted report = reportAboutUnlistedSystem("Vendor chatbot on the intranet");

		this.kafka.send(REPORTS, key(report), report);

		Case routed = awaitCase(report);
		assertThat(routed.getQueue()).isEqualTo(Queue.GOVERNANCE);
		assertThat(routed.getOwnerId()).isNull();
		assertThat(routed.getReport().aiSystemName()).isEqualTo("Vendor chatbot on the intranet");
	}

	@Test
	void routesReportAboutSystemWithoutOwnerToGovernance() throws Exception {
		ReportSubmitted report = reportAbout("finance-forecaster");

		this.kafka.send(REPORTS, key(report), report);

		Case routed = awaitCase(report);
		assertThat(routed.getQueue()).isEqualTo(Queue.GOVERNANCE);
		assertThat(routed.getOwnerId()).isNull();
		assertThat(routed.getCalendarZone()).isEqualTo("Europe/Berlin");
		eventually().untilAsserted(() -> assertThat(caseRoutedEvents(report)).singleElement()
			.satisfies((event) -> assertThat(event.getQueue()).isEqualTo(CaseQueue.GOVERNANCE))
			.satisfies((event) -> assertThat(event.getOwnerId()).isNull()));
	}

	@Test
	void deadLettersUndecodableRecordsWithoutBlockingThePartition() throws Exception {
		String poisonKey = "poison-" + System.nanoTime();
		ReportSubmitted after = reportAbout("hr-assistant");

		this.kafka.send(REPORTS, poisonKey, garbage());
		this.kafka.send(REPORTS, key(after), after);

		eventually().untilAsserted(
				() -> assertThat(this.kafka.records(REPORTS_DLT)).filteredOn((record) -> poisonKey.equals(record.key()))
					.singleElement()
					.extracting(ConsumerRecord::value)
					.isEqualTo(garbage()));
		assertThat(awaitCase(after).getOwnerId()).isEqualTo("alice.owner");
	}

	@Test
	void listsRegisteredSystemsWithoutTheirOwners() {
		this.systems.save(new AiSystem("internal-ranker", "Internal ranker", "Not offered on the form.",
				new AiSystem.StaffMember("zoe.owner", "Zoe Owner", "zoe@recourse.example"), null, List.of(), null,
				false));

		assertThat(this.mvc.get().uri("/api/v1/systems")).hasStatusOk().bodyJson().isStrictlyEqualTo("""
				[
				  {"id": "code-copilot", "name": "Code Copilot"},
				  {"id": "support-chatbot", "name": "Customer support chatbot"},
				  {"id": "finance-forecaster", "name": "Finance forecaster"},
				  {"id": "hr-assistant", "name": "HR Assistant (candidate screening)"}
				]
				""");
	}

	private List<CaseRouted> caseRoutedEvents(ReportSubmitted report) {
		return this.kafka.events(CASES, key(report)).stream().map(CaseRouted.class::cast).toList();
	}

	private Case awaitCase(ReportSubmitted report) {
		return eventually().until(() -> this.cases.findByReportId(key(report)), (found) -> found.isPresent())
			.orElseThrow();
	}

	private boolean outboxDrained() {
		return this.cases.findAll().stream().allMatch((found) -> found.getOutbox().isEmpty());
	}

	private static ConditionFactory eventually() {
		return await().atMost(Duration.ofSeconds(30));
	}

}
