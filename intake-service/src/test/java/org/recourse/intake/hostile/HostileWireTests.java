package org.recourse.intake.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.BeforeContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only a real server sees: bytes that are not UTF-8, bodies of megabytes, header
 * lines with CR, LF or NUL in them, URLs and headers beyond any sensible size. Each is a
 * 4xx from Tomcat or the service, and stores nothing.
 */
class HostileWireTests {

	private static final byte[] INVALID_UTF8 = { (byte) 0xC3, (byte) 0x28, (byte) 0xA0, (byte) 0xA1, (byte) 0xE2,
			(byte) 0x28, (byte) 0xA1, (byte) 0xF0, (byte) 0x28, (byte) 0x8C, (byte) 0xBC, (byte) 0xFF, (byte) 0xFE,
			(byte) 0xC0, (byte) 0xAF, (byte) 0xED, (byte) 0xA0, (byte) 0x80 };

	private static final int TEN_MB = 10 * 1024 * 1024;

	private static IntakeUnderAttack intake;

	@BeforeContainer
	static void start() {
		intake = IntakeUnderAttack.get();
	}

	@Example
	void refusesAReportWhoseJsonIsNotUtf8() throws Exception {
		byte[] body = concat("{\"aiSystemId\":\"hr-assistant\",\"kind\":\"WRONG_OUTPUT\",\"severity\":\"LOW\","
				+ "\"whatIsWrong\":\"x\",\"aiOutput\":\"", INVALID_UTF8, "\"}");
		assertRefused(postJson("/api/v1/reports", body), true);
	}

	@Example
	void refusesReceiptLookUpsWhoseJsonIsNotUtf8() throws Exception {
		for (String path : new String[] { "/api/v1/reports/status", "/api/v1/reports/replies",
				"/api/v1/reports/contest" }) {
			assertRefused(postJson(path, concat("{\"receiptCode\":\"", INVALID_UTF8, "\",\"message\":\"x\"}")), true);
		}
	}

	@Example
	void refusesAReportFormWhoseTextIsNotUtf8() throws Exception {
		FormSession form = FormSession.open(intake.port);
		byte[] body = concat("_csrf=" + form.token() + "&aiSystemId=hr-assistant&kind=WRONG_OUTPUT&severity=LOW"
				+ "&whatIsWrong=x&aiOutput=", INVALID_UTF8, "");
		RawHttp.Answer answer = RawHttp.send(intake.port, "POST /reports HTTP/1.1\r\nHost: localhost\r\nCookie: "
				+ form.cookie() + "\r\nContent-Type: application/x-www-form-urlencoded", body);
		assertRefused(answer, false);
	}

	@Example
	void refusesATenMegabyteReport() throws Exception {
		byte[] body = ("{\"aiSystemId\":\"hr-assistant\",\"kind\":\"WRONG_OUTPUT\",\"severity\":\"LOW\","
				+ "\"whatIsWrong\":\"x\",\"aiOutput\":\"" + "A".repeat(TEN_MB) + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		RawHttp.Answer answer = postJson("/api/v1/reports", body);
		assertRefused(answer, true);
		assertThat(answer.status()).isEqualTo(413);
	}

	@Example
	void refusesAHundredMegabyteReportBeforeReadingIt() throws Exception {
		RawHttp.Answer answer = RawHttp.send(intake.port,
				"POST /api/v1/reports HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json",
				"{\"aiOutput\":\"".getBytes(StandardCharsets.US_ASCII), 100L * 1024 * 1024);
		assertRefused(answer, true);
		assertThat(answer.status()).isEqualTo(413);
	}

	@Example
	void refusesATenMegabyteForm() throws Exception {
		FormSession form = FormSession.open(intake.port);
		byte[] body = ("_csrf=" + form.token() + "&aiSystemId=hr-assistant&kind=WRONG_OUTPUT&severity=LOW"
				+ "&whatIsWrong=x&aiOutput=" + "A".repeat(TEN_MB))
			.getBytes(StandardCharsets.US_ASCII);
		RawHttp.Answer answer = RawHttp.send(intake.port, "POST /reports HTTP/1.1\r\nHost: localhost\r\nCookie: "
				+ form.cookie() + "\r\nContent-Type: application/x-www-form-urlencoded", body);
		assertRefused(answer, false);
		assertThat(answer.status()).isEqualTo(413);
	}

	@Example
	void refusesHeaderLinesWithControlCharacters() throws Exception {
		byte[] body = HostileApiTests.validReport().toString().getBytes(StandardCharsets.UTF_8);
		for (String header : new String[] { "Idempotency-Key: abcdefgh\rSet-Cookie: injected=1",
				"Idempotency-Key: abcdefgh\u0000ijkl", "Idempotency-Key: abc\n defgh", " Idempotency-Key: abcdefgh",
				"Idempotency-Key abcdefgh", "Content-Type: application/json\r\nContent-Type: text/plain" }) {
			RawHttp.Answer answer = RawHttp.send(intake.port,
					"POST /api/v1/reports HTTP/1.1\r\nHost: localhost\r\n" + header, body);
			assertRefused(answer, false);
			assertThat(answer.head()).doesNotContainIgnoringCase("injected");
		}
	}

	@Example
	void refusesEnormousHeadersAndUrls() throws Exception {
		byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
		assertRefused(
				RawHttp.send(intake.port,
						"POST /api/v1/reports HTTP/1.1\r\nHost: localhost\r\n"
								+ "Content-Type: application/json\r\nIdempotency-Key: " + "K".repeat(100_000),
						body),
				false);
		assertRefused(
				RawHttp
					.send(intake.port,
							"POST /api/v1/reports/status?receiptCode=" + "7".repeat(100_000)
									+ " HTTP/1.1\r\nHost: localhost\r\n" + "Content-Type: application/json",
							body),
				false);
		assertRefused(RawHttp.send(intake.port,
				"POST /status/%00%0d%0aSet-Cookie:%20x=1 HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json",
				body), false);
	}

	private static RawHttp.Answer postJson(String path, byte[] body) throws Exception {
		return RawHttp.send(intake.port,
				"POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json", body);
	}

	private static void assertRefused(RawHttp.Answer answer, boolean problem) {
		long stored = intake.storedReports();
		assertThat(answer.status()).as(answer.head()).isBetween(400, 499);
		assertThat(answer.body()).doesNotContain("Exception", "\tat ", "org.springframework", "tools.jackson");
		if (problem) {
			assertThat(answer.head()).containsIgnoringCase("Content-Type: application/problem+json");
		}
		assertThat(intake.storedReports()).isEqualTo(stored);
	}

	private static byte[] concat(String before, byte[] middle, String after) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
		out.writeBytes(middle);
		out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
		return out.toByteArray();
	}

	/** A session cookie and its CSRF token, as a browser gets them from the form page. */
	private record FormSession(String cookie, String token) {

		private static final Pattern TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

		private static final Pattern COOKIE = Pattern.compile("(?i)Set-Cookie: (JSESSIONID=[^;]+)");

		static FormSession open(int port) throws Exception {
			RawHttp.Answer page = RawHttp.send(port, "GET / HTTP/1.1\r\nHost: localhost", new byte[0]);
			Matcher token = TOKEN.matcher(page.body());
			Matcher cookie = COOKIE.matcher(page.head());
			assertThat(token.find()).as("CSRF token on the form").isTrue();
			assertThat(cookie.find()).as("session cookie").isTrue();
			return new FormSession(cookie.group(1), token.group(1));
		}

	}

}
