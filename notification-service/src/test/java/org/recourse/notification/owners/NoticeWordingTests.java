package org.recourse.notification.owners;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class NoticeWordingTests {

	private static final Instant DUE = Instant.parse("2026-06-10T09:00:00Z");

	@Test
	void namesSystemSeverityCaseDeadlineAndLinkOnly() {
		NoticeView view = NoticeWording.view(notice(NoticeKind.REMINDER, "hr-assistant", "case-1"),
				ZoneId.of("Europe/Berlin"), "https://triage.example/");

		assertThat(view.subject())
			.isEqualTo("[Recourse] Reminder: first-response due Wed 10 Jun 2026, 11:00 CEST, hr-assistant (HIGH)");
		assertThat(view.headline()).isEqualTo("The first-response deadline of this case is near.");
		assertThat(view.caseUrl()).isEqualTo("https://triage.example/cases/case-1");
	}

	@Test
	void saysWhichLevelAnEscalationReached() {
		Notice escalated = new Notice(NoticeKind.ESCALATED, "compliance", "r", "case-1", "hr-assistant", "CRITICAL",
				DUE, "RESOLUTION", 3);

		NoticeView view = NoticeWording.view(escalated, ZoneId.of("UTC"), "http://localhost:8081");

		assertThat(view.subject()).isEqualTo("[Recourse] Escalated to you (level 3): hr-assistant (CRITICAL)");
		assertThat(view.headline()).contains("resolution deadline", "level 3");
		assertThat(view.dueLabel()).isEqualTo("Resolution due");
	}

	@Test
	void encodesTheCaseIdInTheLink() {
		NoticeView view = NoticeWording.view(notice(NoticeKind.ASSIGNED, "x", "a/b?c\r\nd"), ZoneId.of("UTC"),
				"http://localhost:8081");

		assertThat(view.caseUrl()).isEqualTo("http://localhost:8081/cases/a%2Fb%3Fc%0D%0Ad");
	}

	@ParameterizedTest
	@ValueSource(strings = { "a\r\nBcc: x@evil.example", "a\nb", "a\rb", "a\u2028b", "a\u0085b", "a\tb", "a\u0000b" })
	void keepsEveryValueOnOneLine(String hostile) {
		NoticeView view = NoticeWording.view(notice(NoticeKind.ASSIGNED, hostile, hostile), ZoneId.of("UTC"),
				"http://localhost:8081");

		assertThat(view.subject()).doesNotContainPattern("[\\r\\n\\u2028\\u0085\\u0000]");
		assertThat(view.system()).doesNotContainPattern("[\\r\\n\\u2028\\u0085\\u0000\\t]");
		assertThat(view.caseId()).doesNotContainPattern("[\\r\\n\\u2028\\u0085\\u0000\\t]");
		assertThat(WebhookPost.text(view)).doesNotContain("Bcc:\n");
	}

	@Test
	void cutsLongValuesAndNamesMissingOnesUnknown() {
		assertThat(PlainText.line("x".repeat(500), 120)).hasSize(120).endsWith("…");
		assertThat(PlainText.line(null, 10)).isEqualTo("unknown");
		assertThat(PlainText.line(" \r\n ", 10)).isEqualTo("unknown");
	}

	@Test
	void escapesWhatSlackWouldTurnIntoMentionsOrLinks() {
		NoticeView view = NoticeWording.view(notice(NoticeKind.ASSIGNED, "<!channel> & <http://evil|x>", "c"),
				ZoneId.of("UTC"), "http://localhost:8081");

		assertThat(WebhookPost.text(view)).contains("&lt;!channel&gt; &amp; &lt;http://evil|x&gt;")
			.doesNotContain("<!channel>");
	}

	private static Notice notice(NoticeKind kind, String system, String caseId) {
		return new Notice(kind, "alice.owner", "r", caseId, system, "HIGH", DUE, "FIRST_RESPONSE", null);
	}

}
