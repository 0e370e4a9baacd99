package org.recourse.triage.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.events.testing.EmbeddedMongo;
import org.recourse.triage.sla.CalendarSnapshot;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaPolicy;
import org.recourse.triage.sla.SlaTarget;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

/**
 * Every staff endpoint of triage as each role and as nobody, with the demo accounts' real
 * passwords (HTTP Basic on the APIs) and signed-in sessions on the pages. Also: case ids
 * of other owners answer 404 (no existence oracle), a deputy works a case only while it
 * is escalated to them, forms need their CSRF token, and every answer carries the
 * security headers.
 */
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"recourse.topics.partitions=1" })
@EmbeddedKafka(partitions = 1)
@AutoConfigureMockMvc
@ActiveProfiles("fast-passwords")
@DirtiesContext
class StaffAccessTests {

	private static final EmbeddedMongo mongo = EmbeddedMongo.start();

	private static final String PASSWORD = "recourse-demo";

	private static final String FLAG = "\"category\": \"DEATH\", \"reason\": \"A patient died\"";

	private static final String FILE = "\"reference\": \"MSA-2026-0042\"";

	@Autowired
	MockMvc mvc;

	@Autowired
	CaseRepository cases;

	private String alicesCase;

	private String governanceCase;

	private String escalatedCase;

	@DynamicPropertySource
	static void store(DynamicPropertyRegistry registry) {
		registry.add("spring.mongodb.uri", () -> mongo.uri("recourse_triage"));
	}

	@BeforeEach
	void cases() {
		Instant now = Instant.now();
		this.alicesCase = this.cases.save(openCase(Queue.OWNER, "alice.owner", now)).getId();
		this.governanceCase = this.cases.save(openCase(Queue.GOVERNANCE, null, now)).getId();
		Case escalated = openCase(Queue.OWNER, "alice.owner", now.minus(Duration.ofHours(3)));
		escalated.snapshotEscalationChain(List.of("alice.owner", "dan.deputy", "compliance"));
		escalated.checkSla(now, Duration.ofHours(4));
		assertThat(escalated.getEscalatedTo()).isEqualTo("dan.deputy");
		this.escalatedCase = this.cases.save(escalated).getId();
	}

	@Test
	void apiMatrix() throws Exception {
		String today = Instant.now().toString();
		String yesterday = Instant.now().minus(Duration.ofDays(1)).toString();
		expect(() -> get("/api/v1/systems"), statuses(200, 200, 200, 200, 200, 200, 200));
		expect(() -> get("/api/v1/cases"), statuses(401, 200, 200, 200, 400, 403, 403));
		expect(() -> get("/api/v1/cases?owner=alice.owner"), statuses(401, 200, 403, 403, 200, 403, 403));
		expect(() -> get("/api/v1/cases?queue=GOVERNANCE"), statuses(401, 403, 403, 403, 200, 403, 403));
		expect(() -> get("/api/v1/cases/" + this.alicesCase), statuses(401, 200, 404, 404, 200, 403, 403));
		expect(() -> get("/api/v1/cases/" + this.escalatedCase), statuses(401, 200, 404, 200, 200, 403, 403));
		expect(() -> get("/api/v1/cases/" + this.governanceCase), statuses(401, 404, 404, 404, 200, 403, 403));
		expect(() -> get("/api/v1/cases/no-such-case"), statuses(401, 404, 404, 404, 404, 403, 403));
		expect(() -> action(this.alicesCase, "progress"), statuses(401, 409, 404, 404, 403, 403, 403));
		expect(() -> action(this.governanceCase, "progress"), statuses(401, 404, 404, 404, 409, 403, 403));
		expect(() -> action(this.escalatedCase, "progress"), statuses(401, 409, 404, 409, 403, 403, 403));
		expect(() -> action(this.alicesCase, "serious-incident", FLAG), statuses(401, 409, 404, 404, 409, 403, 403));
		expect(() -> action(this.governanceCase, "serious-incident", FLAG),
				statuses(401, 404, 404, 404, 409, 403, 403));
		expect(() -> action(this.escalatedCase, "regulatory-report", FILE),
				statuses(401, 409, 404, 409, 409, 403, 403));
		expect(() -> get("/api/v1/cases?owner=alice.owner&state=CLOSED"), statuses(401, 400, 403, 403, 400, 403, 403));
		expect(() -> get("/api/v1/audit?from=" + yesterday + "&to=" + today),
				statuses(401, 403, 403, 403, 200, 403, 403));
		expect(() -> get("/api/v1/registry/systems"), statuses(401, 403, 403, 403, 403, 200, 403));
		expect(() -> put("/api/v1/registry/systems/hr-assistant").contentType(MediaType.APPLICATION_JSON).content("{}"),
				statuses(401, 403, 403, 403, 403, 400, 403));
		expect(() -> get("/api/v1/unknown"), statuses(401, 403, 403, 403, 403, 403, 403));
		expect(() -> get("/actuator/health"), statuses(200, 200, 200, 200, 200, 200, 200));
		expect(() -> get("/actuator/health/readiness"), statuses(200, 200, 200, 200, 200, 200, 200));
		expect(() -> get("/actuator/prometheus"), statuses(401, 403, 403, 403, 403, 403, 200));
		expect(() -> get("/actuator/info"), statuses(401, 403, 403, 403, 200, 200, 403));
	}

	@Test
	void pageMatrix() throws Exception {
		expectPages(() -> get("/cases"), pageStatuses(302, 200, 200, 200, 200, 403));
		expectPages(() -> get("/cases?queue=GOVERNANCE"), pageStatuses(302, 403, 403, 403, 200, 403));
		expectPages(() -> get("/cases/" + this.alicesCase), pageStatuses(302, 200, 404, 404, 200, 403));
		expectPages(() -> get("/cases/" + this.escalatedCase), pageStatuses(302, 200, 404, 200, 200, 403));
		expectPages(() -> get("/cases/" + this.governanceCase), pageStatuses(302, 404, 404, 404, 200, 403));
		expectPages(() -> get("/audit"), pageStatuses(302, 403, 403, 403, 200, 403));
		expectPages(() -> get("/admin/systems"), pageStatuses(302, 403, 403, 403, 403, 200));
		expectPages(() -> get("/admin/systems/hr-assistant"), pageStatuses(302, 403, 403, 403, 403, 200));
		expectPages(() -> get("/"), pageStatuses(302, 302, 302, 302, 302, 302));
		assertThat(this.mvc.perform(get("/login")).andReturn().getResponse().getStatus()).isEqualTo(200);
	}

	@Test
	void pageFormsNeedTheirCsrfToken() throws Exception {
		RequestPostProcessor alice = user("alice.owner").roles("OWNER");
		MockHttpServletRequestBuilder acknowledge = post("/cases/" + this.alicesCase + "/acknowledge").param("version",
				"0");
		assertThat(this.mvc.perform(acknowledge.with(alice)).andReturn().getResponse().getStatus()).isEqualTo(403);
		assertThat(this.cases.findById(this.alicesCase).orElseThrow().getState()).isEqualTo(CaseState.ROUTED);
		var done = this.mvc
			.perform(post("/cases/" + this.alicesCase + "/acknowledge").param("version", "0").with(alice).with(csrf()))
			.andReturn()
			.getResponse();
		assertThat(done.getStatus()).isEqualTo(302);
		assertThat(done.getRedirectedUrl()).isEqualTo("/cases/" + this.alicesCase);
		assertThat(this.cases.findById(this.alicesCase).orElseThrow().getState()).isEqualTo(CaseState.ACKNOWLEDGED);
	}

	@Test
	void signsInWithTheDemoPasswordAndOnlyWithIt() throws Exception {
		var wrong = this.mvc.perform(formLogin("/login").user("alice.owner").password("guess"))
			.andReturn()
			.getResponse();
		assertThat(wrong.getRedirectedUrl()).isEqualTo("/login?error");
		var right = this.mvc.perform(formLogin("/login").user("alice.owner").password(PASSWORD))
			.andReturn()
			.getResponse();
		assertThat(right.getRedirectedUrl()).isEqualTo("/");
		var scraper = this.mvc.perform(formLogin("/login").user("prometheus").password("scrape-local-only"))
			.andReturn()
			.getResponse();
		assertThat(scraper.getRedirectedUrl()).isEqualTo("/");
		assertThat(this.mvc.perform(get("/cases").with(user("prometheus").roles("SCRAPER")))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(403);
	}

	@Test
	void everyAnswerCarriesTheSecurityHeaders() throws Exception {
		for (MockHttpServletRequestBuilder request : List.of(get("/login"), get("/api/v1/systems"),
				get("/actuator/health"), get("/cases").with(user("alice.owner").roles("OWNER")))) {
			var response = this.mvc.perform(request).andReturn().getResponse();
			assertThat(response.getHeader("Content-Security-Policy")).contains("script-src 'self'")
				.contains("frame-ancestors 'none'")
				.doesNotContain("unsafe-inline");
			assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
			assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
			assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
			assertThat(response.getHeader("Strict-Transport-Security")).isNull();
		}
		assertThat(this.mvc.perform(get("/login").secure(true))
			.andReturn()
			.getResponse()
			.getHeader("Strict-Transport-Security")).contains("max-age=31536000");
	}

	@Test
	void theCasePageShowsTheReportButNeverTheReporter() throws Exception {
		String page = this.mvc.perform(get("/cases/" + this.alicesCase).with(user("alice.owner").roles("OWNER")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		Case found = this.cases.findById(this.alicesCase).orElseThrow();
		assertThat(page).contains("The AI said something wrong").contains("acknowledge-form");
		assertThat(page).doesNotContain(found.getReporterRef());
		String api = this.mvc.perform(get("/api/v1/cases/" + this.alicesCase).with(httpBasic("alice.owner", PASSWORD)))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(api).contains(this.alicesCase).doesNotContain(found.getReporterRef());
	}

	private MockHttpServletRequestBuilder action(String caseId, String action) {
		return action(caseId, action, "\"note\": \"looking\"");
	}

	private MockHttpServletRequestBuilder action(String caseId, String action, String fields) {
		// version -1 never matches: an allowed caller gets 409 (stale), so nothing
		// changes.
		return post("/api/v1/cases/" + caseId + "/" + action).contentType(MediaType.APPLICATION_JSON)
			.content("{\"version\": -1, " + fields + "}");
	}

	private void expect(Supplier<MockHttpServletRequestBuilder> request, Map<String, Integer> expected)
			throws Exception {
		Map<String, Integer> actual = new LinkedHashMap<>();
		for (String who : expected.keySet()) {
			MockHttpServletRequestBuilder copy = request.get();
			if (!who.equals("anonymous")) {
				String password = who.equals("prometheus") ? "scrape-local-only" : PASSWORD;
				copy = copy.with(httpBasic(who, password));
			}
			actual.put(who, this.mvc.perform(copy).andReturn().getResponse().getStatus());
		}
		assertThat(actual)
			.as(request.get().buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI())
			.isEqualTo(expected);
	}

	private void expectPages(Supplier<MockHttpServletRequestBuilder> request, Map<String, Integer> expected)
			throws Exception {
		Map<String, Integer> actual = new LinkedHashMap<>();
		for (String who : expected.keySet()) {
			MockHttpServletRequestBuilder copy = request.get();
			if (!who.equals("anonymous")) {
				String role = switch (who) {
					case "casey.compliance" -> "COMPLIANCE";
					case "ada.admin" -> "ADMIN";
					default -> "OWNER";
				};
				copy = copy.with(user(who).roles(role));
			}
			actual.put(who, this.mvc.perform(copy).andReturn().getResponse().getStatus());
		}
		assertThat(actual)
			.as(request.get().buildRequest(new org.springframework.mock.web.MockServletContext()).getRequestURI())
			.isEqualTo(expected);
	}

	private static Map<String, Integer> statuses(int anonymous, int alice, int bob, int dan, int compliance, int admin,
			int scraper) {
		Map<String, Integer> expected = pageStatuses(anonymous, alice, bob, dan, compliance, admin);
		expected.put("prometheus", scraper);
		return expected;
	}

	private static Map<String, Integer> pageStatuses(int anonymous, int alice, int bob, int dan, int compliance,
			int admin) {
		Map<String, Integer> expected = new LinkedHashMap<>();
		expected.put("anonymous", anonymous);
		expected.put("alice.owner", alice);
		expected.put("bob.owner", bob);
		expected.put("dan.deputy", dan);
		expected.put("casey.compliance", compliance);
		expected.put("ada.admin", admin);
		return expected;
	}

	private static Case openCase(Queue queue, String owner, Instant openedAt) {
		SlaTarget target = SlaPolicy.standard().targetFor(Severity.CRITICAL, false);
		SlaPolicy.Deadlines deadlines = SlaPolicy.standard()
			.deadlines(openedAt, Severity.CRITICAL, false, CaseMother.BERLIN);
		String id = UUID.randomUUID().toString();
		return new Case(id, UUID.randomUUID().toString(), "reporter-ref-" + id, queue, owner, Severity.CRITICAL,
				new ReportDetails("hr-assistant", "HR Assistant", "WRONG_OUTPUT", null, "The AI said something wrong",
						"wrong", "right", openedAt, null, openedAt),
				openedAt, deadlines.acknowledgeBy(), deadlines.resolveBy(), target,
				CalendarSnapshot.of(CaseMother.BERLIN));
	}

}
