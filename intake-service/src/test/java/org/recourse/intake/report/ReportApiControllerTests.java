package org.recourse.intake.report;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.recourse.intake.receipt.ReceiptCode;

import org.recourse.intake.system.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The API slice; {@code system.ApiProblems} comes in as controller advice and turns
 * mistakes into problem details.
 */
@WebMvcTest(ReportApiController.class)
@Import({ ReportFormValidator.class, SecurityConfiguration.class })
class ReportApiControllerTests {

	private static final String VALID = """
			{"aiSystemId": "hr-assistant", "kind": "WRONG_OUTPUT", "severity": "HIGH",
			 "aiOutput": "You have 45 days of leave left this year.",
			 "whatIsWrong": "I have 12 days left; it invented the rest.",
			 "expected": "The balance from the HR system", "happenedOn": "2025-03-14",
			 "evidenceUrl": "https://tickets.example/HR-1234"}
			""";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private SubmittingReport submitting;

	@Test
	void acceptsAValidReportWithItsIdAndReceiptCode() throws Exception {
		String reportId = UUID.randomUUID().toString();
		ReceiptCode code = ReceiptCode.generate();
		given(this.submitting.submit(any(), isNull())).willReturn(new SubmittingReport.Receipt(reportId, code));

		postJson(VALID).andExpect(status().isCreated())
			.andExpect(jsonPath("$.reportId").value(reportId))
			.andExpect(jsonPath("$.receiptCode").value(code.display()));
		verify(this.submitting).submit(ReportFormMother.valid(), null);
	}

	@Test
	void asksToTryAgainLaterWhenTheStoreCannotBeReached() throws Exception {
		given(this.submitting.submit(any(), any())).willThrow(new DataAccessResourceFailureException(
				"Timed out after 30000 ms while waiting for a server that matches ReadPreferenceServerSelector"));

		postJson(VALID).andExpect(status().isServiceUnavailable())
			.andExpect(header().string("Retry-After", "30"))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("try again")))
			.andExpect(content().string(not(containsString("ReadPreference"))));
	}

	@Test
	void namesEveryMissingFieldInAProblem() throws Exception {
		postJson("{}").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field")
				.value(hasItems("aiOutput", "whatIsWrong", "kind", "severity", "aiSystemId")));
		verifyNoInteractions(this.submitting);
	}

	@Test
	void appliesTheFormsCrossFieldRules() throws Exception {
		postJson(VALID.replace("WRONG_OUTPUT", "HARMFUL_OUTPUT")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItems("harmKind")));
		verifyNoInteractions(this.submitting);
	}

	@Test
	void neverEchoesARejectedEmailAddress() throws Exception {
		String email = "jane.reporter.4711@@home";

		postJson(VALID.replace("\"aiSystemId\"", "\"email\": \"" + email + "\", \"aiSystemId\""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field").value(hasItems("email")))
			.andExpect(content().string(not(containsString("jane.reporter"))));
		verifyNoInteractions(this.submitting);
	}

	@Test
	void answersMalformedJsonWithAProblem() throws Exception {
		postJson("{\"aiOutput\": \"secret text\", ").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().string(not(containsString("secret text"))));
		verifyNoInteractions(this.submitting);
	}

	@Test
	void refusesAnUnknownKind() throws Exception {
		postJson(VALID.replace("WRONG_OUTPUT", "SLIGHTLY_ODD")).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(content().string(not(containsString("SLIGHTLY_ODD"))));
		verifyNoInteractions(this.submitting);
	}

	private ResultActions postJson(String body) throws Exception {
		return this.mvc.perform(post("/api/v1/reports").contentType(MediaType.APPLICATION_JSON).content(body));
	}

}
