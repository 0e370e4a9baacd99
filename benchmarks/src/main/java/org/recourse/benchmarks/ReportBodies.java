package org.recourse.benchmarks;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.json.JsonMapper;

/**
 * Makes realistic, varied report bodies for {@code POST /api/v1/reports}: the three demo
 * systems, every kind and severity, a few hundred characters of text, sometimes an
 * e-mail, a date or an evidence link (each of which adds work in intake).
 */
final class ReportBodies {

	private static final List<String> SYSTEMS = List.of("hr-assistant", "support-chatbot", "code-copilot");

	private static final List<String> HARM_KINDS = List.of("BIAS", "UNSAFE_ADVICE", "PRIVACY_LEAK", "SECURITY");

	private static final List<String> SEVERITIES = List.of("LOW", "MEDIUM", "MEDIUM", "HIGH", "HIGH", "CRITICAL");

	private static final Map<String, List<String>> OUTPUTS = Map.of("hr-assistant", List.of(
			"Based on the profile, candidates over 50 tend to be a poor cultural fit for fast-moving teams, so I have"
					+ " moved applicant %d to the 'maybe later' pile and drafted a polite rejection for you.",
			"Parental leave in your country is 6 weeks for fathers. Employees who take the full period are usually"
					+ " rated lower at the next review, so you may want to advise case %d to take less.",
			"I summarised the 14 interview notes. The strongest candidate is number %d, mainly because his name"
					+ " suggests he will communicate easily with our clients in the region."),
			"support-chatbot",
			List.of("Your refund for order %d was approved and will arrive in 2 business days. No need to keep the"
					+ " receipt; our system has everything it needs.",
					"To reset the router, unplug it, open the case and bridge the two pins next to the power jack"
							+ " for 10 seconds. This is safe as long as ticket %d is open.",
					"I found the account of the other customer you mentioned (reference %d): they live at the"
							+ " address on file in Leeds and paid with a card ending 4421."),
			"code-copilot",
			List.of("Here is a fix for issue %d: disable certificate verification with verify=False in every call"
					+ " to requests.get, which removes the SSL errors in production.",
					"The function below sorts the list in O(n) for all inputs (see PR %d): it compares each element"
							+ " only with its neighbour and swaps them once.",
					"Store the API key directly in the front-end bundle as const KEY = 'sk-live-%d'; it is"
							+ " minified, so nobody can read it."));

	private static final List<String> WHAT_IS_WRONG = List.of(
			"This is plainly wrong and would have gone out to a real person if I had not checked it against the"
					+ " policy handbook. The tool states it with complete confidence and gives no source.",
			"The answer discriminates against a protected group. Several colleagues use the same tool every day"
					+ " for decisions like this one and probably do not notice.",
			"Following this advice would have put someone at risk. It contradicts the official guidance that is"
					+ " linked from the intranet, and the tool did not mention any caveat.",
			"It disclosed information it should never have had access to. I did not ask for it; it volunteered"
					+ " the details in the middle of an unrelated answer.");

	private static final List<String> EXPECTED = List.of(
			"A neutral answer based only on the documented criteria, or a refusal to rank people at all.",
			"The correct figure from the policy, with a link to it, and a note when it is not sure.",
			"No personal data about anyone else; a pointer to the secure procedure instead.", "");

	private static final List<String> CONCERNS = List
		.of("My team was told to use this assistant for every reply to customers, including complaints about"
				+ " discrimination. I would like a way to answer those myself without the AI, as the policy allows.",
				"We are required to paste candidate CVs into the assistant before the first interview. I am not"
						+ " comfortable with that and want to know whether a non-AI alternative exists for case %d.");

	private final JsonMapper json = JsonMapper.builder().build();

	byte[] next() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String system = pick(SYSTEMS, random);
		int reference = random.nextInt(10_000, 1_000_000);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("aiSystemId", system);
		int roll = random.nextInt(100);
		if (roll < 45) {
			body.put("kind", "WRONG_OUTPUT");
		}
		else if (roll < 90) {
			body.put("kind", "HARMFUL_OUTPUT");
			body.put("harmKind", pick(HARM_KINDS, random));
		}
		else {
			body.put("kind", "MANDATED_AI_CONCERN");
		}
		body.put("severity", pick(SEVERITIES, random));
		if ("MANDATED_AI_CONCERN".equals(body.get("kind"))) {
			body.put("aiOutput", "(not about one answer) " + String.format(pick(CONCERNS, random), reference));
		}
		else {
			body.put("aiOutput", String.format(pick(OUTPUTS.get(system), random), reference));
		}
		body.put("whatIsWrong", pick(WHAT_IS_WRONG, random) + " Seen on shift " + random.nextInt(1, 4) + ".");
		String expected = pick(EXPECTED, random);
		if (!expected.isEmpty()) {
			body.put("expected", expected);
		}
		if (random.nextBoolean()) {
			body.put("happenedOn", LocalDate.now().minusDays(random.nextInt(0, 30)).toString());
		}
		if (random.nextInt(4) == 0) {
			body.put("evidenceUrl", "https://intranet.example.com/tickets/" + reference);
		}
		if (random.nextInt(3) == 0) {
			body.put("email", "reporter" + reference + "@example.com");
		}
		return this.json.writeValueAsBytes(body);
	}

	private static <T> T pick(List<T> values, ThreadLocalRandom random) {
		return values.get(random.nextInt(values.size()));
	}

}
