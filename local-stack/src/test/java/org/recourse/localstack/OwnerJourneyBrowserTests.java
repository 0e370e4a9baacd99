package org.recourse.localstack;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The owner's journey in a real browser, on the whole local stack: an admin puts a new AI
 * system in the registry with {@code dan.deputy} as its owner; a reporter files a report
 * about it; Dan signs in, sees the case first in his queue, acknowledges it, asks the
 * reporter a question, reads the answer, resolves with a verdict and signs out. Every
 * staff page on the way is checked with axe-core (WCAG 2.2 A and AA).
 */
@ExtendWith(LocalStackExtension.class)
class OwnerJourneyBrowserTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final List<String> WCAG_A_AND_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	private static Browser browser;

	private static WebDriver driver;

	private final StackClient reporter = new StackClient();

	@BeforeAll
	static void openBrowser() {
		browser = Browser.start();
		driver = browser.driver();
	}

	@AfterAll
	static void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void ownerSignsInSeesTheCaseFirstAsksResolvesAndSignsOut(LocalStack stack) {
		String intake = stack.settings().url(stack.settings().intakePort());
		String triage = stack.settings().url(stack.settings().triagePort());
		String system = "journey-" + UUID.randomUUID().toString().substring(0, 8);
		registerSystemOwnedByDan(triage, system);
		String text = "The assistant invented a refund policy " + UUID.randomUUID();
		HttpResponse<String> filed = this.reporter.postJson(intake + "/api/v1/reports",
				Map.of("aiSystemId", system, "kind", "WRONG_OUTPUT", "severity", "CRITICAL", "aiOutput", text,
						"whatIsWrong", "There is no such policy"));
		assertThat(filed.statusCode()).isEqualTo(201);
		String receipt = this.reporter.json(filed).get("receiptCode").asString();

		driver.manage().deleteAllCookies();
		driver.get(triage + "/cases");
		assertThat(driver.getCurrentUrl()).as("staff pages need a sign-in").endsWith("/login");
		assertNoSeriousViolations("the sign-in page");
		signIn("dan.deputy", "wrong password");
		assertThat(driver.findElement(By.id("login-error")).getText()).contains("do not match");
		signIn("dan.deputy", StackClient.DEMO_PASSWORD);

		await().atMost(PATIENCE).ignoreExceptions().untilAsserted(() -> {
			driver.get(triage + "/cases");
			assertThat(driver.findElements(By.cssSelector("#queue-table tbody tr"))).isNotEmpty();
		});
		assertThat(driver.findElement(By.id("signed-in-as")).getText()).isEqualTo("dan.deputy");
		WebElement first = driver.findElement(By.cssSelector("#queue-table tbody tr"));
		assertThat(first.getText()).contains("Journey system", "critical", "routed");
		assertNoSeriousViolations("the queue");
		first.findElement(By.cssSelector("a.case-link")).click();

		assertThat(driver.findElement(By.id("report-output")).getText()).isEqualTo(text);
		assertThat(driver.findElement(By.id("clocks")).getText()).contains("left");
		assertNoSeriousViolations("the case page");
		String casePage = driver.getCurrentUrl();
		act(casePage, "acknowledge-form", () -> {
		}, "acknowledged", "Acknowledged");

		act(casePage, "question-form",
				() -> driver.findElement(By.id("question")).sendKeys("Which customer conversation was it?"),
				"waiting for reporter", "Question sent");
		assertThat(driver.findElement(By.id("clocks")).getText()).contains("paused");

		await().atMost(PATIENCE)
			.untilAsserted(() -> assertThat(this.reporter
				.postJson(intake + "/api/v1/reports/replies",
						Map.of("receiptCode", receipt, "message", "The one about the broken kettle"))
				.statusCode()).isIn(200, 201, 202));
		await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().untilAsserted(() -> {
			driver.navigate().refresh();
			assertThat(driver.findElement(By.id("timeline")).getText()).contains("The one about the broken kettle");
			assertThat(driver.findElement(By.id("case-state")).getText()).isEqualTo("in progress");
		});

		act(casePage, "resolve-form", () -> {
			new Select(driver.findElement(By.id("verdict"))).selectByValue("INCORRECT");
			new Select(driver.findElement(By.id("harmConfirmed"))).selectByValue("NO");
			new Select(driver.findElement(By.id("rootCause"))).selectByValue("Retrieval source");
			new Select(driver.findElement(By.id("resolution"))).selectByValue("FIXED");
			driver.findElement(By.id("summaryForReporter"))
				.sendKeys("You were right: the assistant read an outdated page. It now cites the current policy.");
		}, "resolved", "Resolved");
		assertThat(driver.findElement(By.id("outcome-verdict")).getText()).isEqualTo("incorrect");
		assertThat(driver.findElements(By.id("resolve-form"))).as("nothing left to resolve").isEmpty();
		assertNoSeriousViolations("the resolved case page");

		driver.findElement(By.cssSelector(".signout button")).click();
		assertThat(driver.findElement(By.id("signed-out")).getText()).contains("signed out");
		driver.get(triage + "/cases");
		assertThat(driver.getCurrentUrl()).as("signed out means signed out").endsWith("/login");
	}

	/**
	 * Submits one of the case page's action forms as an owner does and waits for the
	 * state it leads to. The answer to a click may arrive after the click returns, and
	 * the SLA scanner (every second in the test stack) may change the case between the
	 * page's load and the click: the page then refuses the stale version with nothing
	 * changed, and the owner reloads the case and submits again. Every answer must be
	 * either that refusal or the action's own notice; anything else fails at once.
	 */
	private static void act(String casePage, String form, Runnable fill, String expectedState, String notice) {
		List<String> answers = new CopyOnWriteArrayList<>();
		await().atMost(PATIENCE)
			.pollInterval(Duration.ofSeconds(1))
			.ignoreExceptions()
			.failFast("the case page answered an action with something else than its notice or a stale-version "
					+ "refusal", () -> answers.stream().anyMatch((answer) -> !expected(answer, notice)))
			.untilAsserted(() -> {
				if (!expectedState.equals(driver.findElement(By.id("case-state")).getText())) {
					// a freshly loaded case page shows neither a notice nor a problem
					driver.get(casePage);
					if (!expectedState.equals(driver.findElement(By.id("case-state")).getText())) {
						fill.run();
						driver.findElement(By.cssSelector("#" + form + " button")).click();
						answers.add(await().atMost(PATIENCE)
							.ignoreExceptions()
							.until(() -> driver.findElement(By.cssSelector("#notice, #problem")).getText(),
									(text) -> !text.isBlank()));
					}
				}
				assertThat(driver.findElement(By.id("case-state")).getText()).isEqualTo(expectedState);
			});
		assertThat(answers).as("answers to the %s submissions", form).anyMatch((answer) -> answer.startsWith(notice));
	}

	private static boolean expected(String answer, String notice) {
		return answer.startsWith(notice) || answer.contains("Someone else changed this case since you loaded it");
	}

	private void registerSystemOwnedByDan(String triage, String system) {
		StackClient admin = StackClient.staff("ada.admin");
		HttpResponse<String> saved = admin.putJson(triage + "/api/v1/registry/systems/" + system,
				Map.of("revision", 0, "name", "Journey system", "owner",
						Map.of("id", "dan.deputy", "name", "Dan Okafor", "email", "dan.okafor@recourse.example"),
						"escalationChain", List.of("dan.deputy", "compliance"), "calendar",
						Map.of("zone", "UTC", "workStart", "00:00", "workEnd", "23:59", "workDays",
								List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY")),
						"listed", false, "reason", "owner journey test"));
		assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
	}

	private static void signIn(String user, String password) {
		driver.findElement(By.id("username")).clear();
		driver.findElement(By.id("username")).sendKeys(user);
		driver.findElement(By.id("password")).sendKeys(password);
		driver.findElement(By.cssSelector("main form button[type=submit]")).click();
	}

	private static void assertNoSeriousViolations(String page) {
		List<Rule> serious = new AxeBuilder().withTags(WCAG_A_AND_AA)
			.analyze(driver)
			.getViolations()
			.stream()
			.filter((rule) -> List.of("serious", "critical").contains(rule.getImpact()))
			.toList();
		assertThat(serious)
			.as("serious or critical axe violations on %s:%n%s", page,
					serious.stream()
						.map((rule) -> String.format("  %s (%s): %s at %s", rule.getId(), rule.getImpact(),
								rule.getHelp(), rule.getNodes().isEmpty() ? "?" : rule.getNodes().get(0).getTarget()))
						.collect(Collectors.joining("\n")))
			.isEmpty();
	}

}
