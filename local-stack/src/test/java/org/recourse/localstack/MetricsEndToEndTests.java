package org.recourse.localstack;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * The monitoring proven against a real Prometheus: Debian's server scrapes the local
 * stack with the repository's configuration and rules while a scripted scenario runs on
 * the {@code sla-probe} system (six reports, one critical report left to breach its
 * seconds-long first-response target and climb to compliance, six verdicts, one contest
 * and reopening, one poison record). Then every PromQL expression of every dashboard and
 * every recording rule must return data, and the key figures must be the scenario's. The
 * figures are read by the probe system's label, so other tests' traffic on the shared
 * stack does not disturb them.
 */
@ExtendWith(LocalStackExtension.class)
class MetricsEndToEndTests {

	private static final Duration PATIENCE = Duration.ofSeconds(90);

	private static final String SYSTEM = "sla-probe";

	/**
	 * A demo owner (the probe system is hers in the test registry): she signs in to act.
	 */
	private static final String OWNER = "carol.owner";

	private static final String PROBE = "{system=\"" + SYSTEM + "\"}";

	private static final Path DASHBOARDS = Path.of("..", "ops", "grafana", "dashboards");

	/** Grafana's own variables, as a dashboard spanning the test would set them. */
	private static final Map<String, String> GRAFANA_VARIABLES = Map.of("$__range", "1h", "$__rate_interval", "1m");

	private final StackClient client = new StackClient();

	private final StackClient owner = StackClient.staff(OWNER);

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void dashboardsAndRulesShowTheScriptedScenario(LocalStack stack, @TempDir Path dir) throws Exception {
		try (PrometheusServer prometheus = PrometheusServer.scraping(stack.settings(), dir)) {
			await().atMost(PATIENCE).until(prometheus::ready);
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(prometheus.query("up == 1")).as("scraped services").hasSize(3));
			await().atMost(PATIENCE)
				.untilAsserted(() -> assertThat(prometheus.value("sum(recourse_reports_received_total" + PROBE + ")"))
					.as("the probe's counters, at zero before the scenario")
					.isZero());

			runScenario(stack);

			await().atMost(PATIENCE).untilAsserted(() -> {
				assertThat(prometheus.value("sum(recourse_cases_reopened_total" + PROBE + ")")).isEqualTo(1);
				assertThat(prometheus.value("sum(recourse_verdicts_total" + PROBE + ")")).isEqualTo(6);
				assertThat(prometheus
					.value("sum(recourse_kafka_dead_letters_total{job=\"triage-service\",topic=\"recourse.reports\"})"))
					.as("the poison record, dead-lettered")
					.isEqualTo(1);
				assertThat(prometheus.query("recourse:sla_compliance:ratio7d" + PROBE)).isNotEmpty();
			});

			assertRawCounters(prometheus);
			assertEveryDashboardExpressionReturnsData(prometheus);
			assertEveryRecordingRuleReturnsData(prometheus);
			assertKeyPanels(prometheus);
			assertAlerts(prometheus);
		}
	}

	private void runScenario(LocalStack stack) throws Exception {
		String intake = stack.settings().url(stack.settings().intakePort());
		String triage = stack.settings().url(stack.settings().triagePort());
		String run = UUID.randomUUID().toString();
		List<String> codes = new ArrayList<>();
		codes.add(submit(intake, run, 0, "CRITICAL", "HARMFUL_OUTPUT"));
		for (int i = 1; i <= 5; i++) {
			codes.add(submit(intake, run, i, "HIGH", "WRONG_OUTPUT"));
		}
		List<JsonNode> cases = await().atMost(PATIENCE).until(() -> casesOf(triage, run), (found) -> found.size() == 6);

		for (int i = 1; i <= 5; i++) {
			act(triage, cases.get(i), "acknowledge", Map.of());
		}
		JsonNode escalated = await().atMost(PATIENCE)
			.until(() -> caseById(triage, cases.get(0).get("id").asString()),
					(found) -> found.get("escalationLevel").asInt() == 1);
		assertThat(escalated.get("escalatedTo").asString()).isEqualTo("compliance");
		act(triage, escalated, "acknowledge", Map.of());

		List<String> verdicts = List.of("INCORRECT", "INCORRECT", "INCORRECT", "MOSTLY_CORRECT", "MOSTLY_CORRECT",
				"CORRECT");
		for (int i = 0; i < 6; i++) {
			act(triage, caseById(triage, cases.get(i).get("id").asString()), "resolve", verdict(verdicts.get(i)));
		}

		String contestedCode = codes.get(5);
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(status(intake, contestedCode).get("contestable").asBoolean()).isTrue());
		assertThat(this.client
			.postJson(intake + "/api/v1/reports/contest",
					Map.of("receiptCode", contestedCode, "reason", "The answer was wrong, I checked twice"))
			.statusCode()).isEqualTo(202);
		String contestedId = cases.get(5).get("id").asString();
		JsonNode contested = await().atMost(PATIENCE)
			.until(() -> caseById(triage, contestedId),
					(found) -> found.get("conversation").toString().contains("CONTEST"));
		act(triage, contested, "reopen", Map.of("reason", "The reporter checked twice"));

		sendPoisonRecord(stack.settings().kafkaBootstrap());
	}

	private void assertRawCounters(PrometheusServer prometheus) {
		assertThat(prometheus.value("sum(recourse_reports_received_total" + PROBE + ")")).isEqualTo(6);
		assertThat(prometheus.value(
				"sum(recourse_sla_outcomes_total{system=\"sla-probe\",outcome=\"breached\",clock=\"first_response\"})"))
			.as("exactly one breach")
			.isEqualTo(1);
		assertThat(prometheus.value("sum(recourse_sla_outcomes_total{system=\"sla-probe\",outcome=\"breached\"})"))
			.isEqualTo(1);
		assertThat(prometheus.value("sum(recourse_sla_outcomes_total{system=\"sla-probe\",outcome=\"met\"})"))
			.as("five acknowledgements and six resolutions in time")
			.isEqualTo(11);
		assertThat(prometheus.value("sum(recourse_sla_escalations_total{system=\"sla-probe\",to=\"compliance\"})"))
			.isEqualTo(1);
		assertThat(prometheus.value("sum(recourse_verdicts_total{system=\"sla-probe\",verdict=\"incorrect\"})"))
			.isEqualTo(3);
		assertThat(prometheus.value("sum(recourse_outcomes_contested_total" + PROBE + ")")).isEqualTo(1);
		assertThat(prometheus.value("sum(recourse_case_time_to_acknowledge_seconds_count" + PROBE + ")")).isEqualTo(6);
		assertThat(prometheus.value("max(recourse_ai_system_info{system=\"finance-forecaster\",owner=\"none\"})"))
			.isEqualTo(1);
	}

	private void assertEveryDashboardExpressionReturnsData(PrometheusServer prometheus) throws Exception {
		Map<String, String> expressions = dashboardExpressions();
		assertThat(expressions).hasSizeGreaterThan(30);
		List<String> empty = new ArrayList<>();
		expressions.forEach((panel, expr) -> {
			if (prometheus.query(expr).isEmpty()) {
				empty.add(panel + ": " + expr);
			}
		});
		assertThat(empty).as("panels without data").isEmpty();
	}

	private void assertEveryRecordingRuleReturnsData(PrometheusServer prometheus) {
		List<JsonNode> rules = new ArrayList<>();
		prometheus.api("/api/v1/rules")
			.get("data")
			.get("groups")
			.forEach((group) -> group.get("rules").forEach(rules::add));
		assertThat(rules).as("rules loaded from ops/prometheus/rules").hasSizeGreaterThan(10);
		for (JsonNode rule : rules) {
			assertThat(rule.get("health").asString()).as(rule.get("name").asString() + ": " + rule.get("lastError"))
				.isEqualTo("ok");
			if ("recording".equals(rule.get("type").asString())) {
				assertThat(prometheus.query(rule.get("query").asString())).as(rule.get("name").asString()).isNotEmpty();
				assertThat(prometheus.query(rule.get("name").asString())).as("recorded " + rule.get("name").asString())
					.isNotEmpty();
			}
		}
		assertThat(prometheus
			.value("recourse:sla_compliance:ratio7d{system=\"sla-probe\",severity=\"high\",clock=\"first_response\"}"))
			.isEqualTo(1);
		assertThat(prometheus.query("recourse:sla_compliance:ratio7d{system=\"sla-probe\",severity=\"critical\"}"))
			.as("one critical report: too few for a ratio of its own")
			.isEmpty();
	}

	private void assertKeyPanels(PrometheusServer prometheus) throws Exception {
		Map<String, String> panels = dashboardExpressions();
		assertThat(valueFor(prometheus, panels.get("Incorrect rate by AI system"), "sla-probe"))
			.as("3 incorrect of 6 verdicts")
			.isCloseTo(0.5, within(0.001));
		assertThat(valueFor(prometheus, panels.get("Reporter-owner agreement by AI system"), "sla-probe"))
			.as("5 of 6 verdicts agree that the output was wrong")
			.isCloseTo(5.0 / 6, within(0.001));
		JsonNode bySystem = prometheus.query(substitute(panels.get("SLA met by AI system")));
		assertThat(series(bySystem, "sla-probe", "first_response")).isCloseTo(5.0 / 6, within(0.001));
		assertThat(series(bySystem, "sla-probe", "resolution")).isCloseTo(1.0, within(0.001));
		JsonNode bySeverity = prometheus.query(substitute(panels.get("SLA met by severity")));
		assertThat(bySeverity.findValuesAsString("severity")).as("a single critical outcome is not broken down")
			.doesNotContain("critical")
			.contains("high");
		// increase() extrapolates to the edges of its range, so one breach reads 1.0 to
		// ~1.2 depending on when the scrapes fell (1.105 seen under load): a count, not
		// a ratio, so "about one" is what can be asserted
		assertThat(prometheus.value(substitute(panels.get("Breaches in range") + " > 0")))
			.as("breaches in range, by clock: first response only")
			.isCloseTo(1.0, within(0.4));
	}

	private void assertAlerts(PrometheusServer prometheus) {
		await().atMost(PATIENCE).untilAsserted(() -> {
			JsonNode alerts = prometheus.api("/api/v1/alerts").get("data").get("alerts");
			assertThat(alerts).anySatisfy((alert) -> {
				assertThat(alert.get("labels").get("alertname").asString())
					.isEqualTo("RecourseCaseEscalatedToCompliance");
				assertThat(alert.get("labels").get("system").asString()).isEqualTo(SYSTEM);
				assertThat(alert.get("state").asString()).isEqualTo("firing");
			});
			assertThat(alerts).anySatisfy((alert) -> {
				assertThat(alert.get("labels").get("alertname").asString()).isEqualTo("RecourseAiSystemWithoutOwner");
				assertThat(alert.get("labels").get("system").asString()).isEqualTo("finance-forecaster");
			});
			assertThat(alerts).anySatisfy((alert) -> {
				assertThat(alert.get("labels").get("alertname").asString()).isEqualTo("RecourseDeadLetters");
				assertThat(alert.get("labels").get("topic").asString()).isEqualTo("recourse.reports");
			});
		});
	}

	/** Panel title (with the target's letter when a panel has several) → expression. */
	private Map<String, String> dashboardExpressions() throws Exception {
		Map<String, String> expressions = new LinkedHashMap<>();
		try (var files = Files.list(DASHBOARDS)) {
			for (Path file : files.filter((f) -> f.toString().endsWith(".json")).sorted().toList()) {
				for (JsonNode panel : this.json.readTree(file.toFile()).get("panels")) {
					JsonNode targets = panel.get("targets");
					for (JsonNode target : targets) {
						String title = panel.get("title").asString();
						String key = (targets.size() == 1) ? title : title + " " + target.get("refId").asString();
						expressions.put(key, substitute(target.get("expr").asString()));
					}
				}
			}
		}
		return expressions;
	}

	private static String substitute(String expr) {
		String result = expr;
		for (Map.Entry<String, String> variable : GRAFANA_VARIABLES.entrySet()) {
			result = result.replace(variable.getKey(), variable.getValue());
		}
		assertThat(result).as("only Grafana's built-in variables are used").doesNotContain("$");
		return result;
	}

	private static double valueFor(PrometheusServer prometheus, String expr, String system) {
		for (JsonNode sample : prometheus.query(expr)) {
			if (system.equals(sample.get("metric").path("system").asString())) {
				return Double.parseDouble(sample.get("value").get(1).asString());
			}
		}
		throw new AssertionError("No series for " + system + " in " + expr);
	}

	private static double series(JsonNode result, String system, String clock) {
		for (JsonNode sample : result) {
			if (system.equals(sample.get("metric").path("system").asString())
					&& clock.equals(sample.get("metric").path("clock").asString())) {
				return Double.parseDouble(sample.get("value").get(1).asString());
			}
		}
		throw new AssertionError("No series for " + system + ", " + clock + " in " + result);
	}

	private String submit(String intake, String run, int index, String severity, String kind) {
		Map<String, Object> report = new LinkedHashMap<>();
		report.put("aiSystemId", SYSTEM);
		report.put("kind", kind);
		if ("HARMFUL_OUTPUT".equals(kind)) {
			report.put("harmKind", "UNSAFE_ADVICE");
		}
		report.put("severity", severity);
		report.put("aiOutput", "Probe answer " + index + " of run " + run);
		report.put("whatIsWrong", "The probe says so");
		if (index == 1) {
			report.put("email", "probe-reporter@recourse.example");
		}
		HttpResponse<String> created = this.client.postJson(intake + "/api/v1/reports", report);
		assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
		return this.client.json(created).get("receiptCode").asString();
	}

	private List<JsonNode> casesOf(String triage, String run) {
		List<JsonNode> found = new ArrayList<>(java.util.Collections.nCopies(6, (JsonNode) null));
		int count = 0;
		for (JsonNode one : this.client.json(this.owner.get(triage + "/api/v1/cases?owner=" + OWNER + "&size=100"))) {
			String output = one.get("report").get("aiOutput").asString();
			if (output.endsWith(" of run " + run)) {
				found.set(Integer.parseInt(output.split(" ")[2]), one);
				count++;
			}
		}
		return (count == 6) ? found : List.of();
	}

	/**
	 * Acts as an owner does: with the version last read. The SLA scanner runs every
	 * second on the probe system's seconds-long clocks and may change the case between
	 * our read and our action; the answer is then 409 "Case changed" with nothing
	 * changed, and the owner reloads and tries again, as the page tells them to.
	 */
	private void act(String triage, JsonNode found, String action, Map<String, Object> fields) {
		String caseId = found.get("id").asString();
		JsonNode current = found;
		for (int attempt = 1;; attempt++) {
			Map<String, Object> body = new LinkedHashMap<>(fields);
			body.put("version", current.get("version").asLong());
			HttpResponse<String> response = this.owner.postJson(triage + "/api/v1/cases/" + caseId + "/" + action,
					body);
			boolean changedMeanwhile = response.statusCode() == 409 && response.body().contains("\"Case changed\"");
			if (!changedMeanwhile || attempt == 5) {
				assertThat(response.statusCode()).as(action + ": " + response.body()).isEqualTo(200);
				return;
			}
			current = caseById(triage, caseId);
		}
	}

	private static Map<String, Object> verdict(String verdict) {
		return Map.of("verdict", verdict, "harmConfirmed", "UNCLEAR", "rootCause", "Probe", "resolution", "MITIGATED",
				"summaryForReporter", "Thank you, we looked into it.");
	}

	private JsonNode caseById(String triage, String caseId) {
		return this.client.json(this.owner.get(triage + "/api/v1/cases/" + caseId));
	}

	private JsonNode status(String intake, String code) {
		return this.client.json(this.client.postJson(intake + "/api/v1/reports/status", Map.of("receiptCode", code)));
	}

	private static void sendPoisonRecord(String bootstrap) throws Exception {
		Properties config = new Properties();
		config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
		config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
		try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
			producer.send(new ProducerRecord<>("recourse.reports", "poison".getBytes(), "not an event".getBytes()))
				.get();
		}
	}

}
