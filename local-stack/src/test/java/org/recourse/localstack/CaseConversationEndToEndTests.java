package org.recourse.localstack;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole loop between an owner and an anonymous reporter, through all three services:
 * acknowledge, ask, answer, resolve with a verdict, contest, reopen. The owner never
 * learns who the reporter is; the reporter reads everything on the status page behind the
 * receipt code.
 */
@ExtendWith(LocalStackExtension.class)
class CaseConversationEndToEndTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String OWNER = "carol.owner";

	private final StackClient client = new StackClient();

	private final StackClient owner = StackClient.staff(OWNER);

	private final StackClient compliance = StackClient.staff("casey.compliance");

	@Test
	void ownerAndReporterConverseUntilTheOutcomeIsContestedAndTheCaseReopened(LocalStack stack) {
		String intake = stack.settings().url(stack.settings().intakePort());
		String triage = stack.settings().url(stack.settings().triagePort());
		String text = "Copilot suggested disabling TLS verification " + UUID.randomUUID();
		HttpResponse<String> created = this.client.postJson(intake + "/api/v1/reports",
				Map.of("aiSystemId", "code-copilot", "kind", "HARMFUL_OUTPUT", "harmKind", "SECURITY", "severity",
						"HIGH", "aiOutput", text, "whatIsWrong", "This is unsafe advice"));
		assertThat(created.statusCode()).isEqualTo(201);
		String code = this.client.json(created).get("receiptCode").asString();

		JsonNode routed = await().atMost(PATIENCE).until(() -> caseAbout(triage, text), (found) -> found != null);
		String caseId = routed.get("id").asString();
		assertThat(routed.toString()).doesNotContain("reporterRef");

		long version = routed.get("version").asLong();
		JsonNode acknowledged = act(triage, caseId, "acknowledge", version, Map.of(), 200);
		assertThat(acknowledged.get("state").asString()).isEqualTo("ACKNOWLEDGED");
		JsonNode stale = act(triage, caseId, "acknowledge", version, Map.of(), 409);
		assertThat(stale.get("detail").asString()).contains("changed this case since you loaded it");

		JsonNode asked = act(triage, caseId, "question", acknowledged.get("version").asLong(),
				Map.of("question", "Which repository was it?"), 200);
		assertThat(asked.get("state").asString()).isEqualTo("WAITING_FOR_REPORTER");
		assertThat(asked.get("clockPaused").asBoolean()).isTrue();

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(status(intake, code).get("openQuestion").toString())
				.contains("Which repository was it?"));
		assertThat(this.client
			.postJson(intake + "/api/v1/reports/replies", Map.of("receiptCode", code, "message", "payments-api"))
			.statusCode()).isEqualTo(202);

		JsonNode answered = await().atMost(PATIENCE)
			.until(() -> caseById(triage, caseId), (found) -> "IN_PROGRESS".equals(found.get("state").asString()));
		assertThat(answered.get("clockPaused").asBoolean()).isFalse();
		assertThat(answered.get("conversation").toString()).contains("payments-api");

		Map<String, Object> verdict = new LinkedHashMap<>();
		verdict.put("verdict", "INCORRECT");
		verdict.put("harmConfirmed", "YES");
		verdict.put("rootCause", "Suggestions trained on insecure examples");
		verdict.put("resolution", "MITIGATED");
		verdict.put("summaryForReporter",
				"You were right: the suggestion was unsafe. Such suggestions are now blocked.");
		JsonNode resolved = act(triage, caseId, "resolve", answered.get("version").asLong(), verdict, 200);
		assertThat(resolved.get("state").asString()).isEqualTo("RESOLVED");
		assertThat(
				act(triage, caseId, "resolve", resolved.get("version").asLong(), verdict, 409).get("detail").asString())
			.contains("already resolved");
		assertThat(act(triage, caseId, "reopen", resolved.get("version").asLong(), Map.of("reason", "second look"), 409)
			.get("detail")
			.asString()).contains("when the reporter contests");

		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode status = status(intake, code);
			assertThat(status.get("outcome").toString()).contains("Such suggestions are now blocked");
			assertThat(status.get("contestable").asBoolean()).isTrue();
		});
		assertThat(this.client
			.postJson(intake + "/api/v1/reports/contest",
					Map.of("receiptCode", code, "reason", "It still suggests it in other languages"))
			.statusCode()).isEqualTo(202);

		JsonNode contested = await().atMost(PATIENCE)
			.until(() -> caseById(triage, caseId), (found) -> found.get("conversation").toString().contains("CONTEST"));
		JsonNode reopened = act(triage, caseId, "reopen", contested.get("version").asLong(),
				Map.of("reason", "The reporter found more cases"), 200);
		assertThat(reopened.get("state").asString()).isEqualTo("REOPENED");
		assertThat(reopened.get("audit").findValuesAsString("action")).containsSubsequence("ROUTE", "ACKNOWLEDGE",
				"ASK", "REPORTER_ANSWERED", "RESOLVE", "CONTEST", "REOPEN");

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(status(intake, code).get("timeline").toString())
				.contains("reopened and will be looked at again"));
	}

	@Test
	void refusesInvalidActionsWithClearProblems(LocalStack stack) {
		String triage = stack.settings().url(stack.settings().triagePort());
		HttpResponse<String> badRange = this.compliance
			.get(triage + "/api/v1/audit?from=yesterday&to=2026-01-01T00:00:00Z");
		assertThat(badRange.statusCode()).isEqualTo(400);
		assertThat(this.client.json(badRange).get("detail").asString()).contains("ISO-8601");
		HttpResponse<String> unknown = this.owner.postJson(triage + "/api/v1/cases/no-such-case/acknowledge",
				Map.of("version", 0));
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(unknown.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		HttpResponse<String> anonymous = this.client.postJson(triage + "/api/v1/cases/no-such-case/acknowledge",
				Map.of("version", 0));
		assertThat(anonymous.statusCode()).isEqualTo(401);
		assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	private JsonNode act(String triage, String caseId, String action, long version, Map<String, Object> fields,
			int expectedStatus) {
		Map<String, Object> body = new LinkedHashMap<>(fields);
		body.put("version", version);
		HttpResponse<String> response = this.owner.postJson(triage + "/api/v1/cases/" + caseId + "/" + action, body);
		assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(expectedStatus);
		return this.client.json(response);
	}

	private JsonNode caseAbout(String triage, String text) {
		for (JsonNode found : this.client.json(this.owner.get(triage + "/api/v1/cases?owner=" + OWNER + "&size=100"))) {
			if (found.get("report").get("aiOutput").asString().equals(text)) {
				return found;
			}
		}
		return null;
	}

	private JsonNode caseById(String triage, String caseId) {
		return this.client.json(this.owner.get(triage + "/api/v1/cases/" + caseId));
	}

	private JsonNode status(String intake, String code) {
		return this.client.json(this.client.postJson(intake + "/api/v1/reports/status", Map.of("receiptCode", code)));
	}

}
