package org.recourse.intake.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.recourse.events.testing.NaughtyStrings;

import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every answer to hostile input must look like, whatever the input: no server error,
 * no trace of the implementation, nothing stored when refused, and any reporter-typed
 * markup or template expression escaped rather than rendered.
 */
final class Responses {

	private static final List<String> IMPLEMENTATION_DETAILS = List.of("Exception", "\tat ", "at org.", "at java.",
			"org.springframework", "tools.jackson", "com.fasterxml", "org.bson", "com.mongodb", "Whitelabel");

	private Responses() {
	}

	static String body(MvcResult result) throws Exception {
		return result.getResponse().getContentAsString(StandardCharsets.UTF_8);
	}

	/** Any answer: below 500, no implementation details, nothing evaluated. */
	static void assertSafe(MvcResult result) throws Exception {
		int status = result.getResponse().getStatus();
		String body = body(result);
		assertThat(status).as("status, answering %s", body).isLessThan(500);
		assertThat(body).doesNotContain(IMPLEMENTATION_DETAILS).doesNotContain(NaughtyStrings.EVALUATED);
	}

	/** A refusal: a 4xx, and the store unchanged. */
	static void assertRefused(MvcResult result, IntakeUnderAttack intake, long storedBefore) throws Exception {
		assertSafe(result);
		assertThat(result.getResponse().getStatus()).as("status").isBetween(400, 499);
		assertThat(intake.storedReports()).as("reports stored").isEqualTo(storedBefore);
	}

	/**
	 * A refusal from the API: also problem+json with a title and a detail a person can
	 * act on.
	 */
	static void assertProblem(MvcResult result, IntakeUnderAttack intake, long storedBefore) throws Exception {
		assertRefused(result, intake, storedBefore);
		assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
		assertThat(body(result)).contains("\"title\"").contains("\"detail\"");
	}

	/** Either refused (4xx, nothing stored) or accepted (one report more). */
	static void assertRefusedOrStoredOnce(MvcResult result, IntakeUnderAttack intake, long storedBefore)
			throws Exception {
		assertSafe(result);
		int status = result.getResponse().getStatus();
		long expected = (status >= 400) ? storedBefore : storedBefore + 1;
		assertThat(intake.storedReports()).as("reports stored after %d", status).isEqualTo(expected);
	}

	/** Typed text shown back in a page is escaped: markup never appears verbatim. */
	static void assertEscaped(MvcResult result, String... typed) throws Exception {
		String body = body(result);
		for (String text : typed) {
			if (text != null && NaughtyStrings.needsEscaping(text)) {
				assertThat(body).as("page shows typed text verbatim").doesNotContain(text);
			}
		}
		assertThat(body).doesNotContain("<script").doesNotContain(NaughtyStrings.EVALUATED);
	}

}
