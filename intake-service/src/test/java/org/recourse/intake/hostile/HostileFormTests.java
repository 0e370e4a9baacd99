package org.recourse.intake.hostile;

import java.time.Duration;
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
import org.bson.Document;
import org.recourse.events.ReporterUpdateType;
import org.recourse.events.testing.Json;
import org.recourse.events.testing.KafkaProbe;
import org.recourse.events.testing.NaughtyStrings;
import org.recourse.intake.status.UpdateMother;

import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The reporter's pages under hostile input: the report form, the receipt look-up and the
 * reply and contest forms. Whatever is typed, the answer is a page (or the redirect to
 * the receipt), never a server error; typed markup and template expressions come back
 * escaped, never rendered or evaluated; a refused form stores nothing.
 */
class HostileFormTests {

	private static final List<String> FORM_FIELDS = List.of("aiSystemId", "aiSystemName", "kind", "harmKind",
			"severity", "aiOutput", "whatIsWrong", "expected", "happenedOn", "evidenceUrl", "email");

	private static IntakeUnderAttack intake;

	/**
	 * Opened on the status page once, with no question pending: every reply is refused.
	 */
	private static OpenedReport withoutQuestion;

	@BeforeContainer
	static void start() throws Exception {
		intake = IntakeUnderAttack.get();
		withoutQuestion = openReport();
	}

	@Property(tries = 100)
	void answersAnyReportFormWithTheFormAgainOrAReceipt(@ForAll("forms") Map<String, String> fields) throws Exception {
		long before = intake.storedReports();
		MockHttpServletRequestBuilder request = post("/reports").with(csrf());
		fields.forEach((name, value) -> request.param(name, value));
		MvcResult result = intake.mvc.perform(request).andReturn();

		Responses.assertRefusedOrStoredOnce(result, intake, before);
		if (result.getResponse().getStatus() != 302) {
			assertThat(result.getResponse().getStatus()).isEqualTo(400);
			Responses.assertEscaped(result, fields.values().toArray(String[]::new));
		}
	}

	@Property(tries = 100)
	void answersAnyTypedReceiptCodeWithTheLookupPage(@ForAll("receiptCodes") String code) throws Exception {
		long before = intake.storedReports();
		MvcResult result = intake.mvc.perform(post("/status").with(csrf()).param("receiptCode", code)).andReturn();

		Responses.assertRefused(result, intake, before);
		assertThat(result.getResponse().getStatus()).isEqualTo(404);
		Responses.assertEscaped(result, code);
		if (code.strip().length() >= 8) {
			assertThat(Responses.body(result)).doesNotContain(code);
		}
	}

	@Property(tries = 100)
	void refusesAnyReplyOrReasonWithoutChangingTheReport(@ForAll("texts") String text, @ForAll("actions") String action)
			throws Exception {
		OpenedReport opened = withoutQuestion;
		Document before = stored(opened.reportId());

		MvcResult result = intake.mvc
			.perform(post("/status/" + action).with(csrf()).session(opened.session()).param(field(action), text))
			.andReturn();

		Responses.assertSafe(result);
		assertThat(result.getResponse().getStatus()).isIn(400, 409);
		Responses.assertEscaped(result, text);
		assertThat(stored(opened.reportId())).isEqualTo(before);
	}

	@Example
	void showsEveryNaughtyStringEscapedOnTheStatusPage() throws Exception {
		OpenedReport opened = openReport();
		List<String> messages = NaughtyStrings.ALL.stream().filter((text) -> !text.isBlank()).toList();
		try (KafkaProbe kafka = new KafkaProbe(intake.brokers)) {
			for (String message : messages) {
				kafka.send(IntakeUnderAttack.UPDATES, opened.reportId(),
						UpdateMother.update(opened.reportId(), ReporterUpdateType.QUESTION, message));
			}
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> stored(opened.reportId()).getList("timeline", Document.class).size() >= messages.size());

		MvcResult page = intake.mvc
			.perform(post("/status").with(csrf()).session(opened.session()).param("receiptCode", opened.code()))
			.andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		Responses.assertSafe(page);
		Responses.assertEscaped(page, messages.toArray(String[]::new));
		assertThat(Responses.body(page)).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@Example
	void showsATypedSystemNameEscapedOnTheStatusPage() throws Exception {
		for (String name : NaughtyStrings.ALL) {
			if (name.isBlank() || name.length() > 200) {
				continue;
			}
			OpenedReport opened = openReport(name);
			MvcResult page = intake.mvc
				.perform(
						post("/status").with(csrf()).session(new MockHttpSession()).param("receiptCode", opened.code()))
				.andReturn();
			Responses.assertSafe(page);
			Responses.assertEscaped(page, name);
		}
	}

	@Example
	void refusesFormsWithoutTheirTokenAndStoresNothing() throws Exception {
		for (MockHttpServletRequestBuilder request : List.of(
				post("/reports").param("aiSystemId", "hr-assistant")
					.param("kind", "WRONG_OUTPUT")
					.param("severity", "LOW")
					.param("aiOutput", "x")
					.param("whatIsWrong", "y"),
				post("/reports").with(csrf().useInvalidToken()).param("aiOutput", "<script>alert(1)</script>"),
				post("/status").param("receiptCode", "0000-0000-0000-0000-0000-0000"),
				post("/status/reply").param("message", "hi"), post("/status/contest").param("reason", "no"))) {
			long before = intake.storedReports();
			MvcResult result = intake.mvc.perform(request).andReturn();
			Responses.assertRefused(result, intake, before);
			assertThat(result.getResponse().getStatus()).isEqualTo(403);
		}
	}

	@Example
	void answersTheFormPageWhateverTheQuery() throws Exception {
		for (String text : NaughtyStrings.ALL) {
			MvcResult result = intake.mvc.perform(get("/").param("aiSystemId", text).param("q", text)).andReturn();
			assertThat(result.getResponse().getStatus()).isEqualTo(200);
			Responses.assertSafe(result);
			Responses.assertEscaped(result, text);
		}
	}

	@Provide
	Arbitrary<Map<String, String>> forms() {
		Arbitrary<String> value = Arbitraries.oneOf(NaughtyStrings.any(),
				Arbitraries.of("WRONG_OUTPUT", "HARMFUL_OUTPUT", "BIAS", "LOW", "CRITICAL", "hr-assistant",
						"not-listed", "2025-02-30", "9999-12-31", "-1", "https://x.example/a"));
		return Arbitraries.maps(Arbitraries.of(FORM_FIELDS), value).ofMinSize(1).ofMaxSize(FORM_FIELDS.size());
	}

	@Provide
	Arbitrary<String> receiptCodes() {
		return Arbitraries.oneOf(NaughtyStrings.any(),
				Arbitraries.strings().withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZOIL- ").ofMaxLength(80),
				Arbitraries.strings().ofMinLength(1_000).ofMaxLength(100_000));
	}

	@Provide
	Arbitrary<String> texts() {
		return Arbitraries.oneOf(NaughtyStrings.any(), Arbitraries.strings().ofMinLength(5001).ofMaxLength(50_000));
	}

	@Provide
	Arbitrary<String> actions() {
		return Arbitraries.of("reply", "contest");
	}

	private static String field(String action) {
		return action.equals("reply") ? "message" : "reason";
	}

	private static OpenedReport openReport() throws Exception {
		return openReport(null);
	}

	/**
	 * Files a report through the API and opens it on the status page, as a reporter
	 * would.
	 */
	private static OpenedReport openReport(String systemName) throws Exception {
		Map<String, Object> body = HostileApiTests.validReport(UUID.randomUUID().toString());
		if (systemName != null) {
			body.put("aiSystemId", "not-listed");
			body.put("aiSystemName", systemName);
		}
		MvcResult created = intake.mvc
			.perform(post("/api/v1/reports").contentType(MediaType.APPLICATION_JSON).content(Json.of(body)))
			.andReturn();
		assertThat(created.getResponse().getStatus()).as(Responses.body(created)).isEqualTo(201);
		String json = Responses.body(created);
		String reportId = json.replaceAll(".*\"reportId\":\"([^\"]+)\".*", "$1");
		String code = json.replaceAll(".*\"receiptCode\":\"([^\"]+)\".*", "$1");
		MockHttpSession session = new MockHttpSession();
		MvcResult page = intake.mvc.perform(post("/status").with(csrf()).session(session).param("receiptCode", code))
			.andReturn();
		assertThat(page.getResponse().getStatus()).isEqualTo(200);
		return new OpenedReport(reportId, code, session);
	}

	private static Document stored(String reportId) {
		Document document = intake.mongo.findOne(Query.query(Criteria.where("_id").is(reportId)), Document.class,
				"reports");
		document.remove("outbox");
		document.remove("outboxPending");
		return document;
	}

	private record OpenedReport(String reportId, String code, MockHttpSession session) {
	}

}
