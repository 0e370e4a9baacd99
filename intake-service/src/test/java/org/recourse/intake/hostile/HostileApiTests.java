package org.recourse.intake.hostile;

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
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.BeforeContainer;

import org.recourse.events.testing.Json;
import org.recourse.events.testing.NaughtyStrings;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

/**
 * The reporter API under hostile input: any value of any type in any field, bodies that
 * are not JSON or not UTF-8, nesting deep enough to exhaust a parser, and receipt codes
 * of every shape and size. The answer is always a 4xx problem (or, for input that is
 * merely odd but valid, an accepted report), never a 5xx, and a refusal stores nothing.
 */
class HostileApiTests {

	private static final List<String> REPORT_FIELDS = List.of("aiSystemId", "aiSystemName", "kind", "harmKind",
			"severity", "aiOutput", "whatIsWrong", "expected", "happenedOn", "evidenceUrl", "email");

	private static final List<String> RECEIPT_ENDPOINTS = List.of("/api/v1/reports/status", "/api/v1/reports/replies",
			"/api/v1/reports/contest");

	private static IntakeUnderAttack intake;

	@BeforeContainer
	static void start() {
		intake = IntakeUnderAttack.get();
	}

	@Property(tries = 200)
	void answersAnyReportBodyWithAProblemOrAReceipt(@ForAll("reportBodies") Map<String, Object> fields)
			throws Exception {
		long before = intake.storedReports();
		MvcResult result = postJson("/api/v1/reports", Json.of(fields));
		Responses.assertRefusedOrStoredOnce(result, intake, before);
		if (result.getResponse().getStatus() >= 400) {
			assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		}
	}

	@Property(tries = 100)
	void refusesBodiesThatAreNotJson(@ForAll byte[] body) throws Exception {
		long before = intake.storedReports();
		MvcResult result = intake.mvc
			.perform(post("/api/v1/reports").contentType(MediaType.APPLICATION_JSON).content(body))
			.andReturn();
		Responses.assertProblem(result, intake, before);
	}

	@Property(tries = 5)
	void refusesJsonNestedBeyondReason(@ForAll @IntRange(min = 1000, max = 100_000) int depth) throws Exception {
		long before = intake.storedReports();
		String body = "{\"aiOutput\": " + Json.nested(depth) + "}";
		Responses.assertProblem(postJson("/api/v1/reports", body), intake, before);
	}

	@Property(tries = 150)
	void answersAnyReceiptCodeWithNotFoundOrAProblem(@ForAll("receiptCodes") Object code,
			@ForAll("receiptEndpoints") String endpoint) throws Exception {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("receiptCode", code);
		body.put("message", "Here is my answer");
		body.put("reason", "I disagree");
		long before = intake.storedReports();
		MvcResult result = postJson(endpoint, Json.of(body));
		Responses.assertProblem(result, intake, before);
		if (code instanceof String text && text.length() >= 8) {
			assertThat(Responses.body(result)).doesNotContain(text);
		}
	}

	@Property(tries = 100)
	void answersAnyIdempotencyKeyWithAProblemOrAReceipt(@ForAll("idempotencyKeys") String key) throws Exception {
		long before = intake.storedReports();
		MvcResult result = intake.mvc
			.perform(post("/api/v1/reports").header("Idempotency-Key", key)
				.contentType(MediaType.APPLICATION_JSON)
				.content(Json.of(validReport(UUID.randomUUID().toString()))))
			.andReturn();
		Responses.assertRefusedOrStoredOnce(result, intake, before);
	}

	@Example
	void refusesOperatorsWhereAReceiptCodeBelongs() throws Exception {
		for (String code : List.of("{\"$ne\": null}", "{\"$gt\": \"\"}", "[\"7KQ2\"]", "123456789", "true")) {
			for (String endpoint : RECEIPT_ENDPOINTS) {
				long before = intake.storedReports();
				String body = "{\"receiptCode\": " + code + ", \"message\": \"hi\", \"reason\": \"no\"}";
				Responses.assertProblem(postJson(endpoint, body), intake, before);
			}
		}
	}

	@Example
	void refusesBodiesOfTheWrongMediaType() throws Exception {
		for (MockHttpServletRequestBuilder request : List.of(
				post("/api/v1/reports").contentType(MediaType.TEXT_XML).content("<report/>"),
				post("/api/v1/reports").content(Json.of(validReport())),
				post("/api/v1/reports/status").contentType(MediaType.APPLICATION_FORM_URLENCODED)
					.content("receiptCode=x"),
				post("/api/v1/reports").contentType(MediaType.APPLICATION_JSON).content(""))) {
			long before = intake.storedReports();
			Responses.assertProblem(intake.mvc.perform(request).andReturn(), intake, before);
		}
	}

	@Provide
	Arbitrary<Map<String, Object>> reportBodies() {
		Arbitrary<Object> value = Arbitraries.oneOf(NaughtyStrings.any().map(Object.class::cast),
				Arbitraries.of("WRONG_OUTPUT", "HARMFUL_OUTPUT", "MANDATED_AI_CONCERN", "LOW", "CRITICAL",
						"hr-assistant", "not-listed", "2025-02-30", "9999-12-31", "https://x.example/a"),
				Arbitraries.longs().map(Object.class::cast), Arbitraries.doubles().map(Object.class::cast),
				Arbitraries.of(true, false).map(Object.class::cast), Arbitraries.just(null),
				NaughtyStrings.any().list().ofMaxSize(3).map(Object.class::cast),
				NaughtyStrings.any().map((text) -> (Object) Map.of("$gt", text)));
		return Arbitraries.maps(Arbitraries.of(REPORT_FIELDS), value).ofMaxSize(REPORT_FIELDS.size()).map((fields) -> {
			Map<String, Object> body = new LinkedHashMap<>(validReport());
			body.putAll(fields);
			return body;
		});
	}

	@Provide
	Arbitrary<Object> receiptCodes() {
		return Arbitraries.oneOf(NaughtyStrings.any().map(Object.class::cast),
				Arbitraries.strings()
					.withChars("0123456789ABCDEFGHJKMNPQRSTVWXYZ-")
					.ofMaxLength(80)
					.map(Object.class::cast),
				Arbitraries.strings().ofMinLength(1_000).ofMaxLength(100_000).map(Object.class::cast),
				Arbitraries.integers().map(Object.class::cast), Arbitraries.just(null));
	}

	@Provide
	Arbitrary<String> receiptEndpoints() {
		return Arbitraries.of(RECEIPT_ENDPOINTS);
	}

	@Provide
	Arbitrary<String> idempotencyKeys() {
		return Arbitraries.oneOf(
				NaughtyStrings.any().filter((key) -> key.chars().allMatch((c) -> c >= 0x20 && c < 0x7f)),
				Arbitraries.strings().ascii().ofMaxLength(300),
				Arbitraries.strings().withCharRange('!', '~').ofMinLength(129).ofMaxLength(10_000));
	}

	static Map<String, Object> validReport() {
		return validReport("");
	}

	/**
	 * A valid report, made unique by the marker so a reused idempotency key is caught.
	 */
	static Map<String, Object> validReport(String marker) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("aiSystemId", "hr-assistant");
		body.put("kind", "WRONG_OUTPUT");
		body.put("severity", "LOW");
		body.put("aiOutput", "You have 45 days of leave left.");
		body.put("whatIsWrong", "I have 12. " + marker);
		return body;
	}

	private static MvcResult postJson(String path, String body) throws Exception {
		return intake.mvc.perform(post(path).contentType(MediaType.APPLICATION_JSON).content(body)).andReturn();
	}

}
