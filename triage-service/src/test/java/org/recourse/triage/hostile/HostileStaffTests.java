package org.recourse.triage.hostile;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.recourse.events.ReportKind;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.Severity;
import org.recourse.events.serde.AvroEventSerializer;
import org.recourse.events.testing.Json;
import org.recourse.events.testing.NaughtyStrings;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Triage's staff surface under hostile input, as signed-in staff (a hostile insider or a
 * stolen session): case actions with any body, queue filters and audit ranges of any
 * shape, registry edits of any type, and reporter-written text shown on the staff pages.
 * Never a 5xx; a refused action changes nothing; reporter text is escaped.
 */
class HostileStaffTests {

	private static final List<String> ACTIONS = List.of("acknowledge", "question", "progress", "reassign", "resolve",
			"reopen", "serious-incident", "regulatory-report");

	private static final List<String> ACTION_FIELDS = List.of("version", "note", "question", "toOwnerId", "reason",
			"verdict", "harmConfirmed", "rootCause", "resolution", "resolutionNote", "summaryForReporter", "category",
			"awareAt", "reference", "filedAt", "awareAtLocal", "filedAtLocal");

	private static TriageUnderAttack triage;

	private static String alicesCase;

	@BeforeContainer
	static void start() {
		triage = TriageUnderAttack.get();
		alicesCase = route(report("hr-assistant", "The AI said something wrong"));
	}

	@Property(tries = 100)
	void answersAnyCaseActionWithAProblemOrTheCase(@ForAll("actions") String action,
			@ForAll("actionBodies") Map<String, Object> body) throws Exception {
		Document before = stored(alicesCase);
		MvcResult result = triage.mvc
			.perform(post("/api/v1/cases/" + alicesCase + "/" + action)
				.with(httpBasic("alice.owner", TriageUnderAttack.PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.content(Json.of(body)))
			.andReturn();
		TriageUnderAttack.assertSafe(result, true);
		if (result.getResponse().getStatus() >= 400) {
			assertThat(stored(alicesCase)).isEqualTo(before);
		}
	}

	@Property(tries = 60)
	void answersAnyCaseIdOrActionNameWithAProblem(@ForAll("naughty") String id, @ForAll("naughty") String action)
			throws Exception {
		long cases = triage.count("cases");
		MvcResult result = triage.mvc
			.perform(post("/api/v1/cases/{id}/{action}", id, action)
				.with(httpBasic("casey.compliance", TriageUnderAttack.PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"version\": 0}"))
			.andReturn();
		TriageUnderAttack.assertSafe(result, true);
		assertThat(result.getResponse().getStatus()).isBetween(400, 499);
		assertThat(triage.count("cases")).isEqualTo(cases);
		TriageUnderAttack.assertSafe(triage.mvc
			.perform(get("/api/v1/cases/{id}", id).with(httpBasic("casey.compliance", TriageUnderAttack.PASSWORD)))
			.andReturn(), true);
	}

	@Property(tries = 60)
	void answersAnyQueueFilterOrAuditRangeWithoutAServerError(@ForAll("queryParameters") Map<String, String> query)
			throws Exception {
		for (String path : List.of("/api/v1/cases", "/api/v1/audit")) {
			MockHttpServletRequestBuilder request = get(path)
				.with(httpBasic("casey.compliance", TriageUnderAttack.PASSWORD));
			query.forEach((name, value) -> request.param(name, value));
			TriageUnderAttack.assertSafe(triage.mvc.perform(request).andReturn(), true);
		}
		MockHttpServletRequestBuilder page = get("/cases").with(user("casey.compliance").roles("COMPLIANCE"));
		query.forEach((name, value) -> page.param(name, value));
		MvcResult result = triage.mvc.perform(page).andReturn();
		TriageUnderAttack.assertSafe(result, false);
		TriageUnderAttack.assertEscaped(result, query.values());
	}

	@Property(tries = 60)
	void answersAnyRegistryEditWithAProblemOrTheSystem(@ForAll("registryBodies") Map<String, Object> body)
			throws Exception {
		long systems = triage.count("ai_systems");
		MvcResult result = triage.mvc
			.perform(put("/api/v1/registry/systems/{id}", "hostile-" + UUID.randomUUID())
				.with(httpBasic("ada.admin", TriageUnderAttack.PASSWORD))
				.contentType(MediaType.APPLICATION_JSON)
				.content(Json.of(body)))
			.andReturn();
		TriageUnderAttack.assertSafe(result, true);
		if (result.getResponse().getStatus() >= 400) {
			assertThat(triage.count("ai_systems")).isEqualTo(systems);
		}
	}

	@Property(tries = 60)
	void answersAnyCaseFormOrRegistryFormWithAPage(@ForAll("actions") String action,
			@ForAll("formFields") Map<String, String> fields) throws Exception {
		Document before = stored(alicesCase);
		MockHttpServletRequestBuilder caseForm = post("/cases/" + alicesCase + "/" + action)
			.with(user("alice.owner").roles("OWNER"))
			.with(csrf());
		fields.forEach((name, value) -> caseForm.param(name, value));
		MvcResult acted = triage.mvc.perform(caseForm).andReturn();
		TriageUnderAttack.assertSafe(acted, false);

		MockHttpServletRequestBuilder systemForm = post("/admin/systems").with(user("ada.admin").roles("ADMIN"))
			.with(csrf());
		fields.forEach((name, value) -> systemForm.param(name, value));
		MvcResult saved = triage.mvc.perform(systemForm).andReturn();
		TriageUnderAttack.assertSafe(saved, false);
		TriageUnderAttack.assertEscaped(saved, fields.values());
		if (acted.getResponse().getStatus() >= 400) {
			assertThat(stored(alicesCase)).isEqualTo(before);
		}
	}

	@Example
	void showsReporterTextEscapedOnTheStaffPages() throws Exception {
		List<String> texts = NaughtyStrings.ALL.stream().filter((text) -> !text.isBlank()).toList();
		String caseId = route(report("hr-assistant", String.join("\n", texts)));
		String governanceCase = route(report(null, String.join("\n", texts)));
		for (String id : List.of(caseId, governanceCase)) {
			MvcResult page = triage.mvc.perform(get("/cases/" + id).with(user("casey.compliance").roles("COMPLIANCE")))
				.andReturn();
			assertThat(page.getResponse().getStatus()).isEqualTo(200);
			TriageUnderAttack.assertSafe(page, false);
			TriageUnderAttack.assertEscaped(page, texts);
			assertThat(page.getResponse().getContentAsString()).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
		}
		MvcResult queue = triage.mvc
			.perform(get("/cases").param("queue", "GOVERNANCE").with(user("casey.compliance").roles("COMPLIANCE")))
			.andReturn();
		TriageUnderAttack.assertSafe(queue, false);
		TriageUnderAttack.assertEscaped(queue, texts);
	}

	@Provide
	Arbitrary<String> actions() {
		return Arbitraries.of(ACTIONS);
	}

	@Provide
	Arbitrary<String> naughty() {
		return NaughtyStrings.any().filter((text) -> !text.isEmpty());
	}

	@Provide
	Arbitrary<Map<String, Object>> actionBodies() {
		Arbitrary<Object> value = Arbitraries.oneOf(NaughtyStrings.any().map(Object.class::cast),
				Arbitraries
					.of("INCORRECT", "CORRECT", "YES", "FIXED", "WILL_NOT_FIX", "bob.owner", "alice.owner",
							"compliance", "DEATH", "WIDESPREAD_INFRINGEMENT", "2026-06-09T10:30",
							"2026-06-09T08:30:00Z", "+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z")
					.map(Object.class::cast),
				Arbitraries.longs().map(Object.class::cast), Arbitraries.doubles().map(Object.class::cast),
				Arbitraries.just(null), NaughtyStrings.any().list().ofMaxSize(2).map(Object.class::cast),
				Arbitraries.strings().ofMinLength(5_000).ofMaxLength(60_000).map(Object.class::cast));
		return Arbitraries.maps(Arbitraries.of(ACTION_FIELDS), value).ofMaxSize(ACTION_FIELDS.size());
	}

	@Provide
	Arbitrary<Map<String, String>> queryParameters() {
		Arbitrary<String> value = Arbitraries.oneOf(NaughtyStrings.any(),
				Arbitraries.of("-1", "0", "2147483648", "99999999999", "OWNER", "GOVERNANCE", "ROUTED", "CRITICAL",
						"true", "csv", "json", "2026-01-01T00:00:00Z", "1970-01-01T00:00:00Z",
						"+999999999-12-31T23:59:59Z"));
		return Arbitraries
			.maps(Arbitraries.of("owner", "queue", "state", "severity", "system", "breached", "page", "size", "from",
					"to", "format"), value)
			.ofMaxSize(6);
	}

	@Provide
	Arbitrary<Map<String, Object>> registryBodies() {
		Arbitrary<Object> text = NaughtyStrings.any().map(Object.class::cast);
		Arbitrary<Object> value = Arbitraries.oneOf(text, Arbitraries.integers().map(Object.class::cast),
				Arbitraries.just(null), text.list().ofMaxSize(3).map(Object.class::cast),
				Arbitraries
					.maps(Arbitraries.of("id", "name", "email", "zone", "workStart", "workEnd", "workDays", "holidays"),
							text)
					.map(Object.class::cast));
		return Arbitraries
			.maps(Arbitraries.of("revision", "name", "description", "owner", "deputy", "escalationChain", "calendar",
					"listed", "reason"), value)
			.ofMaxSize(9);
	}

	@Provide
	Arbitrary<Map<String, String>> formFields() {
		return Arbitraries
			.maps(Arbitraries.of("version", "note", "question", "toOwnerId", "reason", "verdict", "summaryForReporter",
					"category", "reference", "awareAtLocal", "filedAtLocal", "id", "revision", "name", "ownerId",
					"ownerEmail", "escalationChain", "zone", "workStart", "workEnd", "workDays", "holidays", "listed"),
					NaughtyStrings.any())
			.ofMaxSize(8);
	}

	private static ReportSubmitted report(String aiSystemId, String text) {
		return ReportSubmitted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
			.setReportId(UUID.randomUUID())
			.setReporterRef("ref-" + UUID.randomUUID())
			.setAiSystemId(aiSystemId)
			.setAiSystemName((aiSystemId == null) ? text.substring(0, Math.min(200, text.length())) : null)
			.setKind(ReportKind.WRONG_OUTPUT)
			.setSeverity(Severity.HIGH)
			.setAiOutput(text)
			.setWhatIsWrong(text)
			.setExpected(text)
			.setEvidenceUrl("javascript:alert(1)")
			.build();
	}

	/** Publishes the report as intake would and waits for its case. */
	static String route(ReportSubmitted report) {
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(
				Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, triage.brokers), new StringSerializer(),
				new AvroEventSerializer())) {
			producer.send(new ProducerRecord<>("recourse.reports", report.getReportId().toString(), report));
		}
		Query byReport = Query.query(Criteria.where("reportId").is(report.getReportId().toString()));
		await().atMost(Duration.ofSeconds(60)).until(() -> triage.mongo.exists(byReport, "cases"));
		return triage.mongo.findOne(byReport, Document.class, "cases").getString("_id");
	}

	private static Document stored(String caseId) {
		Document document = triage.mongo.findOne(Query.query(Criteria.where("_id").is(caseId)), Document.class,
				"cases");
		document.remove("outbox");
		document.remove("outboxPending");
		document.remove("nextCheckAt");
		return document;
	}

	static Map<String, Object> map(Object... keyValues) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keyValues.length; i += 2) {
			map.put((String) keyValues[i], keyValues[i + 1]);
		}
		return map;
	}

}
