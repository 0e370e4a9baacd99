package org.recourse.intake.report;

import java.time.LocalDate;

import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;

/** Reports as a reporter fills them in, for the web form, the API and the use case. */
public final class ReportFormMother {

	static final String SYSTEM_ID = "hr-assistant";

	static final String AI_OUTPUT = "You have 45 days of leave left this year.";

	static final String WHAT_IS_WRONG = "I have 12 days left; it invented the rest.";

	static final LocalDate HAPPENED_ON = LocalDate.of(2025, 3, 14);

	private ReportFormMother() {
	}

	public static ReportForm valid() {
		return new ReportForm(SYSTEM_ID, null, ReportKind.WRONG_OUTPUT, null, Severity.HIGH, AI_OUTPUT, WHAT_IS_WRONG,
				"The balance from the HR system", HAPPENED_ON, "https://tickets.example/HR-1234", null);
	}

	public static ReportForm withEmail(String email) {
		ReportForm form = valid();
		return new ReportForm(form.aiSystemId(), form.aiSystemName(), form.kind(), form.harmKind(), form.severity(),
				form.aiOutput(), form.whatIsWrong(), form.expected(), form.happenedOn(), form.evidenceUrl(), email);
	}

	/** The fields of {@link #valid()} as the browser posts them. */
	static MultiValueMap<String, String> validFields() {
		ReportForm form = valid();
		MultiValueMap<String, String> fields = new LinkedMultiValueMap<>();
		fields.add("aiSystemId", form.aiSystemId());
		fields.add("kind", form.kind().name());
		fields.add("severity", form.severity().name());
		fields.add("aiOutput", form.aiOutput());
		fields.add("whatIsWrong", form.whatIsWrong());
		fields.add("expected", form.expected());
		fields.add("happenedOn", form.happenedOn().toString());
		fields.add("evidenceUrl", form.evidenceUrl());
		return fields;
	}

}
