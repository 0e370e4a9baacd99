package org.recourse.localstack;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The reporter's journey in a real browser, on the whole local stack: the form filled and
 * sent with the keyboard alone, the receipt, the status page once triage has routed the
 * report; and an axe-core check (WCAG 2.2 A and AA) of every page on the way.
 */
@ExtendWith(LocalStackExtension.class)
class ReporterJourneyBrowserTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String HR_ASSISTANT = "HR Assistant (candidate screening)";

	private static final String ROUTED = "must acknowledge it by";

	private static final String UNKNOWN_CODE = "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01";

	private static final List<String> WCAG_A_AND_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

	private static Browser browser;

	private static WebDriver driver;

	private String intake;

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

	@BeforeEach
	void startAsANewVisitor(LocalStack stack) {
		this.intake = stack.settings().url(stack.settings().intakePort());
		driver.manage().deleteAllCookies();
	}

	@Test
	void reporterFilesAReportSavesTheReceiptAndReadsTheUpdate() {
		openFormListing(HR_ASSISTANT);
		fillAndSendByKeyboard("Candidates over 50 are a poor cultural fit " + UUID.randomUUID());

		String code = receiptCode();
		assertThat(code).matches("([0-9A-Z]{4}-){5}[0-9A-Z]{4}");
		tabTo(By.id("saved"));
		press(Keys.SPACE);
		tabTo(By.cssSelector("main form button[type=submit]"));
		press(Keys.ENTER);
		awaitHeading("Check a report");
		tabTo(By.id("receiptCode"));
		type(code);
		press(Keys.ENTER);

		awaitUpdate(code);
		assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Your report");
		assertThat(driver.findElement(By.cssSelector(".summary")).getText()).contains("The AI gave a harmful answer",
				"High");
	}

	@Test
	void formAndStatusPagesHaveNoSeriousAccessibilityViolations() {
		openFormListing(HR_ASSISTANT);
		assertNoSeriousViolations("the empty form");
		sendTheEmptyForm();
		assertNoSeriousViolations("the form with errors");

		fillAndSendByKeyboard("Older candidates are ranked last " + UUID.randomUUID());
		String code = receiptCode();
		assertNoSeriousViolations("the receipt page");
		driver.get(this.intake + "/status");
		assertNoSeriousViolations("the status look-up page");
		awaitUpdate(code);
		assertNoSeriousViolations("the status page with an update");
		lookUp(UNKNOWN_CODE);
		assertThat(driver.findElement(By.tagName("main")).getText()).contains("No report matches this receipt code");
		assertNoSeriousViolations("the not-found status page");
	}

	@Test
	void errorSummaryLinksMoveFocusToTheirFields() {
		driver.get(this.intake + "/");
		List<WebElement> links = sendTheEmptyForm();

		for (WebElement link : links) {
			String field = link.getDomAttribute("href").substring(1);
			link.sendKeys(Keys.ENTER);
			WebElement focused = driver.switchTo().activeElement();
			assertThat(List.of(String.valueOf(focused.getDomAttribute("id")),
					String.valueOf(focused.getDomAttribute("name"))))
				.as("focus after following the error link to %s", field)
				.contains(field);
		}
	}

	private void openFormListing(String system) {
		await().atMost(PATIENCE).untilAsserted(() -> {
			driver.get(this.intake + "/");
			assertThat(optionTexts(By.id("aiSystemId"))).as("AI systems known to intake").contains(system);
		});
	}

	/** Tab, arrow keys, Space and typing only, as someone without a mouse would. */
	private void fillAndSendByKeyboard(String aiOutput) {
		tabTo(By.id("aiSystemId"));
		pressUntil(Keys.ARROW_DOWN, () -> selectedText(By.id("aiSystemId")).equals(HR_ASSISTANT));
		tabTo(By.name("kind"));
		press(Keys.SPACE);
		pressUntil(Keys.ARROW_DOWN, () -> checkedLabel("kind").equals("The AI gave a harmful answer"));
		tabTo(By.id("harmKind"));
		pressUntil(Keys.ARROW_DOWN, () -> selectedText(By.id("harmKind")).equals("Bias or discrimination"));
		tabTo(By.name("severity"));
		press(Keys.SPACE);
		pressUntil(Keys.ARROW_DOWN, () -> checkedLabel("severity").startsWith("High"));
		tabTo(By.id("aiOutput"));
		type(aiOutput);
		tabTo(By.id("whatIsWrong"));
		type("It ranks candidates down for their age");
		tabTo(By.cssSelector("main form button[type=submit]"));
		press(Keys.ENTER);
	}

	private static void awaitHeading(String heading) {
		await().atMost(PATIENCE)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo(heading));
	}

	private String receiptCode() {
		await().atMost(PATIENCE)
			.ignoreExceptions()
			.untilAsserted(() -> assertThat(driver.findElement(By.id("receipt-code")).getText()).isNotBlank());
		return driver.findElement(By.id("receipt-code")).getText().trim();
	}

	/**
	 * Triage routes the report through Kafka; the page shows it once the update is back.
	 */
	private void awaitUpdate(String code) {
		await().atMost(PATIENCE).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() -> {
			if (!driver.findElement(By.tagName("main")).getText().contains(ROUTED)) {
				lookUp(code);
			}
			assertThat(driver.findElement(By.cssSelector("ol.timeline")).getText()).contains(ROUTED);
		});
	}

	private void lookUp(String code) {
		driver.get(this.intake + "/status");
		driver.findElement(By.id("receiptCode")).sendKeys(code, Keys.ENTER);
	}

	private void assertNoSeriousViolations(String page) {
		List<Rule> serious = new AxeBuilder().withTags(WCAG_A_AND_AA)
			.analyze(driver)
			.getViolations()
			.stream()
			.filter((rule) -> List.of("serious", "critical").contains(rule.getImpact()))
			.toList();
		assertThat(serious).as("serious or critical axe violations on %s:%n%s", page, describe(serious)).isEmpty();
	}

	private static String describe(List<Rule> violations) {
		return violations.stream()
			.map((rule) -> String.format("  %s (%s): %s at %s", rule.getId(), rule.getImpact(), rule.getHelp(),
					rule.getNodes().isEmpty() ? "?" : rule.getNodes().get(0).getTarget()))
			.collect(Collectors.joining("\n"));
	}

	private void tabTo(By target) {
		WebElement wanted = driver.findElement(target);
		pressUntil(Keys.TAB, () -> driver.switchTo().activeElement().equals(wanted));
	}

	private void pressUntil(Keys key, BooleanSupplier reached) {
		for (int presses = 0; presses < 30 && !reached.getAsBoolean(); presses++) {
			press(key);
		}
		assertThat(reached.getAsBoolean()).as("reached by pressing %s", key.name()).isTrue();
	}

	private void press(Keys key) {
		new Actions(driver).sendKeys(key).perform();
	}

	private void type(String text) {
		new Actions(driver).sendKeys(text).perform();
	}

	/**
	 * Sends the form as it is and waits for the answer's error summary: the click can
	 * return before the browser has loaded the page the POST answers with.
	 */
	private static List<WebElement> sendTheEmptyForm() {
		submitButton().click();
		return await().atMost(PATIENCE)
			.ignoreExceptions()
			.until(() -> driver.findElements(By.cssSelector(".error-summary a")), (links) -> !links.isEmpty());
	}

	private static WebElement submitButton() {
		return driver.findElement(By.cssSelector("main form button[type=submit]"));
	}

	private static List<String> optionTexts(By select) {
		return new Select(driver.findElement(select)).getOptions().stream().map(WebElement::getText).toList();
	}

	private static String selectedText(By select) {
		return new Select(driver.findElement(select)).getFirstSelectedOption().getText();
	}

	private static String checkedLabel(String radioGroup) {
		WebElement checked = driver.findElement(By.cssSelector("input[name=" + radioGroup + "]:checked"));
		return driver.findElement(By.cssSelector("label[for='" + checked.getDomAttribute("id") + "']")).getText();
	}

}
