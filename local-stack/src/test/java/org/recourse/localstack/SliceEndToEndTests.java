package org.recourse.localstack;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The first slice through the whole platform, on real parts: a real Kafka broker (KRaft),
 * the MongoDB-protocol store on disk and the three services as separate processes, driven
 * only through HTTP.
 */
@ExtendWith(LocalStackExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SliceEndToEndTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String CANARY = "canary-" + UUID.randomUUID() + "@example.org";

	private static final String AI_OUTPUT = "Candidates over 50 are a poor cultural fit " + UUID.randomUUID();

	static LocalStack stack;

	static MongoClient store;

	private final StackClient client = new StackClient();

	private final StackClient compliance = StackClient.staff("casey.compliance");

	@BeforeAll
	static void connect(LocalStack localStack) {
		stack = localStack;
		store = MongoClients.create(stack.settings().mongoUri(""));
	}

	@AfterAll
	static void disconnect() {
		store.close();
	}

	@Test
	@Order(1)
	void reportFiledOnTheFormShowsAsRoutedToItsOwnerOnTheStatusPage() {
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.client.get(intake("/")).body()).contains("value=\"hr-assistant\""));

		HttpResponse<String> submitted = this.client.postForm(intake("/reports"),
				form("hr-assistant", "HARMFUL_OUTPUT", "HIGH", AI_OUTPUT, CANARY));
		assertThat(submitted.statusCode()).isEqualTo(302);
		assertThat(submitted.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/reports/receipt"));

		String code = StackClient.receiptCodeIn(this.client.get(intake("/reports/receipt")).body());
		assertThat(code).matches("([0-9A-Z]{4}-){5}[0-9A-Z]{4}");
		assertThat(this.client.get(intake("/reports/receipt")).statusCode()).as("the receipt code is shown only once")
			.isEqualTo(302);

		await().atMost(PATIENCE).untilAsserted(() -> {
			String status = this.client.postForm(intake("/status"), Map.of("receiptCode", code)).body();
			assertThat(status).contains("passed it to the person accountable for this AI system")
				.contains("must acknowledge it by");
		});

		List<JsonNode> cases = casesFor("alice.owner", AI_OUTPUT);
		assertThat(cases).hasSize(1);
		JsonNode routed = cases.get(0);
		assertThat(routed.get("state").asString()).isEqualTo("ROUTED");
		assertThat(routed.get("queue").asString()).isEqualTo("OWNER");
		Instant opened = Instant.parse(routed.get("openedAt").asString());
		Instant acknowledgeBy = Instant.parse(routed.get("acknowledgeBy").asString());
		Instant resolveBy = Instant.parse(routed.get("resolveBy").asString());
		assertThat(acknowledgeBy).isAfter(opened);
		assertThat(resolveBy).isAfter(acknowledgeBy);
		assertThat(routed.toString()).doesNotContain(CANARY);

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.client.get(mails("/")).body())
				.as("the owner and the reporter are told, through the stack's mail sink")
				.contains("[Recourse] New case for hr-assistant (HIGH)</a> to alice.martin@recourse.example")
				.contains("There is news about your report</a> to " + CANARY));
	}

	@Test
	@Order(2)
	void reportForASystemWithoutOwnerReachesTheGovernanceQueueThroughTheApi() {
		String text = "Forecast doubled revenue " + UUID.randomUUID();
		Map<String, Object> body = new LinkedHashMap<>(form("finance-forecaster", "WRONG_OUTPUT", "MEDIUM", text, ""));
		body.remove("email");
		HttpResponse<String> created = this.client.postJson(intake("/api/v1/reports"), body);
		assertThat(created.statusCode()).isEqualTo(201);
		String code = this.client.json(created).get("receiptCode").asString();

		await().atMost(PATIENCE).untilAsserted(() -> {
			HttpResponse<String> status = this.client.postJson(intake("/api/v1/reports/status"),
					Map.of("receiptCode", code));
			assertThat(status.statusCode()).isEqualTo(200);
			assertThat(this.client.json(status).get("timeline").toString()).contains("compliance team");
		});
		HttpResponse<String> governance = this.compliance.get(triage("/api/v1/cases?queue=GOVERNANCE&size=100"));
		assertThat(this.client.json(governance).toString()).contains(text);
	}

	@Test
	@Order(3)
	void badInputGetsClearAnswersAndNeverAStackTrace() {
		HttpResponse<String> empty = this.client.postJson(intake("/api/v1/reports"), "{}");
		assertThat(empty.statusCode()).isEqualTo(400);
		assertThat(empty.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(this.client.json(empty).get("errors").findValuesAsString("field")).contains("aiOutput",
				"whatIsWrong", "kind", "severity", "aiSystemId");

		HttpResponse<String> malformed = this.client.postJson(intake("/api/v1/reports"), "{\"kind\": ");
		assertThat(malformed.statusCode()).isEqualTo(400);
		assertThat(malformed.body()).doesNotContain("Exception");

		Map<String, String> missingText = new LinkedHashMap<>(form("hr-assistant", "WRONG_OUTPUT", "LOW", "", ""));
		missingText.put("whatIsWrong", "");
		missingText.put("expected", "kept as typed");
		String page = this.client.postForm(intake("/reports"), missingText).body();
		assertThat(page).contains("There is a problem", "href=\"#aiOutput\"", "href=\"#whatIsWrong\"", "kept as typed");

		String wrongCode = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01";
		HttpResponse<String> unknown = this.client.postForm(intake("/status"), Map.of("receiptCode", wrongCode));
		HttpResponse<String> garbage = this.client.postForm(intake("/status"), Map.of("receiptCode", "<script>"));
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(garbage.statusCode()).isEqualTo(404);
		assertThat(unknown.body()).contains("No report matches this receipt code");
		assertThat(withoutCsrfToken(garbage.body())).as("no oracle: the same page, apart from its fresh form token")
			.isEqualTo(withoutCsrfToken(unknown.body()));
		HttpResponse<String> unknownApi = this.client.postJson(intake("/api/v1/reports/status"),
				Map.of("receiptCode", wrongCode));
		assertThat(unknownApi.statusCode()).isEqualTo(404);
		assertThat(unknownApi.headers().firstValue("Content-Type")).hasValue("application/problem+json");
	}

	@Test
	@Order(4)
	void everyServiceReportsHealthAndMetrics() {
		for (int port : List.of(stack.settings().intakePort(), stack.settings().triagePort(),
				stack.settings().notificationPort())) {
			String base = stack.settings().url(port);
			assertThat(this.client.get(base + "/actuator/health/liveness").statusCode()).isEqualTo(200);
			assertThat(this.client.get(base + "/actuator/health/readiness").statusCode()).isEqualTo(200);
			assertThat(this.client.get(base + "/actuator/prometheus").statusCode())
				.as("the scrape needs its credential")
				.isEqualTo(401);
			assertThat(StackClient.staff("casey.compliance").get(base + "/actuator/prometheus").statusCode())
				.as("not even staff scrape")
				.isIn(401, 403);
			assertThat(StackClient.scraper().get(base + "/actuator/prometheus").body())
				.contains("jvm_memory_used_bytes");
			assertThat(this.client.get(base + "/actuator/env").statusCode()).isIn(401, 403, 404);
		}
		assertThat(StackClient.scraper().get(intake("/actuator/prometheus")).body())
			.contains("recourse_reports_accepted_total");
	}

	@Test
	@Order(5)
	void theReportersEmailIsStoredOnlyInTheNotificationVaultAndOnlyEncrypted() {
		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(
					store.getDatabase("recourse_notification").getCollection("contact_vault").countDocuments())
				.isEqualTo(1));
		for (String database : List.of("recourse_intake", "recourse_triage", "recourse_notification")) {
			assertThat(everyDocument(store.getDatabase(database))).as(database).doesNotContain(CANARY);
		}
		assertThat(everyDocument(store.getDatabase("recourse_intake"))).as("the report itself is stored in intake")
			.contains(AI_OUTPUT);
	}

	@Test
	@Order(6)
	void noKafkaRecordOnAnyTopicCarriesTheReportersEmail() throws Exception {
		Map<String, Object> config = Map.of("bootstrap.servers", stack.settings().kafkaBootstrap(), "group.id",
				"canary-" + UUID.randomUUID(), "auto.offset.reset", "earliest");
		byte[] canary = CANARY.getBytes(java.nio.charset.StandardCharsets.UTF_8);
		try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin
			.create(Map.of("bootstrap.servers", stack.settings().kafkaBootstrap()));
				org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
						config, new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
						new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
			java.util.Set<String> topics = admin.listTopics().names().get();
			assertThat(topics).contains("recourse.reports", "recourse.reporter-contacts", "recourse.cases",
					"recourse.reporter-updates");
			consumer.subscribe(topics);
			List<byte[]> everything = new ArrayList<>();
			await().atMost(PATIENCE).untilAsserted(() -> {
				consumer.poll(Duration.ofMillis(500)).forEach((record) -> {
					everything.add((record.value() != null) ? record.value() : new byte[0]);
					record.headers().forEach((header) -> everything.add(header.value()));
				});
				assertThat(consumer.assignment()).isNotEmpty();
				assertThat(
						consumer.assignment()
							.stream()
							.allMatch((partition) -> consumer
								.position(partition) >= consumer.endOffsets(List.of(partition)).get(partition)))
					.isTrue();
			});
			assertThat(everything).as("records read").hasSizeGreaterThan(3);
			assertThat(everything).noneMatch((bytes) -> indexOf(bytes, canary) >= 0);
		}
	}

	@Test
	@Order(7)
	void logsNeverContainReportTextOrContactData() throws IOException {
		assertThat(stack.logFiles()).hasSizeGreaterThanOrEqualTo(5);
		for (Path log : stack.logFiles()) {
			String content = Files.readString(log);
			assertThat(content).as(log.toString()).doesNotContain(CANARY).doesNotContain(AI_OUTPUT);
		}
	}

	@Test
	@Order(8)
	void noStaffPageOrApiAnswerCarriesTheReportersEmail() {
		JsonNode routed = casesFor("alice.owner", AI_OUTPUT).get(0);
		String caseId = routed.get("id").asString();
		StackClient alice = StackClient.staff("alice.owner");
		List<String> answers = new ArrayList<>();
		answers.add(alice.get(triage("/api/v1/cases?size=100")).body());
		answers.add(alice.get(triage("/api/v1/cases/" + caseId)).body());
		answers.add(this.compliance.get(triage("/api/v1/cases/" + caseId)).body());
		answers.add(this.compliance.get(triage("/api/v1/cases?queue=GOVERNANCE&size=100")).body());
		String today = java.time.Instant.now().plus(Duration.ofDays(1)).toString();
		String lastWeek = java.time.Instant.now().minus(Duration.ofDays(7)).toString();
		answers.add(this.compliance.get(triage("/api/v1/audit?format=csv&from=" + lastWeek + "&to=" + today)).body());
		answers.add(StackClient.staff("ada.admin").get(triage("/api/v1/registry/systems")).body());
		StackClient ownerBrowser = new StackClient();
		ownerBrowser.get(triage("/login"));
		HttpResponse<String> signedIn = ownerBrowser.postForm(triage("/login"),
				Map.of("username", "alice.owner", "password", StackClient.DEMO_PASSWORD));
		assertThat(signedIn.statusCode()).isEqualTo(302);
		assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
		String queuePage = ownerBrowser.get(triage("/cases")).body();
		assertThat(queuePage).contains(caseId);
		answers.add(queuePage);
		String casePage = ownerBrowser.get(triage("/cases/" + caseId)).body();
		assertThat(casePage).contains("Candidates over 50");
		answers.add(casePage);
		assertThat(answers).hasSize(8).allSatisfy((answer) -> assertThat(answer).doesNotContain(CANARY));
		assertThat(answers.get(0)).contains(caseId);
	}

	private List<JsonNode> casesFor(String owner, String text) {
		List<JsonNode> found = new ArrayList<>();
		this.compliance.json(this.compliance.get(triage("/api/v1/cases?owner=" + owner + "&size=100")))
			.forEach((node) -> {
				if (node.get("report").get("aiOutput").asString().equals(text)) {
					found.add(node);
				}
			});
		return found;
	}

	private static String withoutCsrfToken(String page) {
		return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
			for (int j = 0; j < needle.length; j++) {
				if (haystack[i + j] != needle[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static String everyDocument(MongoDatabase database) {
		StringBuilder all = new StringBuilder();
		for (String collection : database.listCollectionNames()) {
			for (Document document : database.getCollection(collection).find()) {
				all.append(document.toJson()).append('\n');
			}
		}
		return all.toString();
	}

	private static Map<String, String> form(String system, String kind, String severity, String output, String email) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("aiSystemId", system);
		form.put("kind", kind);
		if ("HARMFUL_OUTPUT".equals(kind)) {
			form.put("harmKind", "BIAS");
		}
		form.put("severity", severity);
		form.put("aiOutput", output);
		form.put("whatIsWrong", "It judges people by age");
		form.put("email", email);
		return form;
	}

	private static String intake(String path) {
		return stack.settings().url(stack.settings().intakePort()) + path;
	}

	private static String mails(String path) {
		return stack.settings().url(stack.settings().mailPort()) + path;
	}

	private static String triage(String path) {
		return stack.settings().url(stack.settings().triagePort()) + path;
	}

}
