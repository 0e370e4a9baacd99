package org.recourse.intake.report;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.recourse.intake.receipt.ReceiptCode;
import org.recourse.intake.systems.AiSystemDirectory;
import org.recourse.intake.systems.AiSystemOption;

import org.recourse.intake.system.SecurityConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.MultiValueMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.model;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

/**
 * The form slice; {@code system.FormBinding} (blank fields bind as null) comes in as
 * controller advice.
 */
@WebMvcTest(ReportController.class)
@Import({ ReportFormValidator.class, SecurityConfiguration.class })
class ReportControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private SubmittingReport submitting;

	@MockitoBean
	private AiSystemDirectory systems;

	@BeforeEach
	void offerOneSystem() {
		given(this.systems.options()).willReturn(List.of(new AiSystemOption("hr-assistant", "HR Assistant")));
	}

	@Test
	void showsTheFormWithTheSystemsOffered() throws Exception {
		this.mvc.perform(get("/"))
			.andExpect(status().isOk())
			.andExpect(view().name(ReportController.FORM_VIEW))
			.andExpect(model().attributeExists("reportForm", "systems"))
			.andExpect(content().string(containsString("value=\"hr-assistant\"")))
			.andExpect(content().string(containsString("HR Assistant")))
			.andExpect(content().string(containsString("value=\"not-listed\"")));
	}

	@Test
	void redirectsToTheReceiptWithTheCodeAsFlash() throws Exception {
		ReceiptCode code = ReceiptCode.generate();
		given(this.submitting.submit(any()))
			.willReturn(new SubmittingReport.Receipt(UUID.randomUUID().toString(), code));

		this.mvc.perform(post("/reports").with(csrf()).params(ReportFormMother.validFields()))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/reports/receipt"))
			.andExpect(flash().attribute("receiptCode", code.display()));
		verify(this.submitting).submit(ReportFormMother.valid());
	}

	@Test
	void reRendersTheFormKeepingWhatWasTypedWhenFieldsAreMissing() throws Exception {
		MultiValueMap<String, String> fields = ReportFormMother.validFields();
		fields.remove("aiOutput");
		fields.remove("kind");

		this.mvc.perform(post("/reports").with(csrf()).params(fields))
			.andExpect(status().isBadRequest())
			.andExpect(view().name(ReportController.FORM_VIEW))
			.andExpect(model().attributeHasFieldErrors("reportForm", "aiOutput", "kind"))
			.andExpect(content().string(containsString("class=\"error-summary\"")))
			.andExpect(content().string(containsString("href=\"#aiOutput\"")))
			.andExpect(content().string(containsString("href=\"#kind\"")))
			.andExpect(content().string(containsString(ReportFormMother.WHAT_IS_WRONG)))
			.andExpect(content().string(containsString("value=\"https://tickets.example/HR-1234\"")))
			.andExpect(content().string(containsString("HR Assistant")));
		verifyNoInteractions(this.submitting);
	}

	@Test
	void keepsTheTypedDateInTheFormatADateInputAccepts() throws Exception {
		MultiValueMap<String, String> fields = ReportFormMother.validFields();
		fields.remove("aiOutput");

		this.mvc.perform(post("/reports").with(csrf()).params(fields))
			.andExpect(view().name(ReportController.FORM_VIEW))
			.andExpect(content().string(containsString("value=\"" + ReportFormMother.HAPPENED_ON + "\"")));
	}

	@Test
	void refusesAHarmfulReportWithoutTheKindOfHarm() throws Exception {
		MultiValueMap<String, String> fields = ReportFormMother.validFields();
		fields.set("kind", ReportKind.HARMFUL_OUTPUT.name());

		this.mvc.perform(post("/reports").with(csrf()).params(fields))
			.andExpect(view().name(ReportController.FORM_VIEW))
			.andExpect(model().errorCount(1))
			.andExpect(model().attributeHasFieldErrorCode("reportForm", "harmKind", "required"));
	}

	@Test
	void refusesAnUnlistedSystemWithoutItsName() throws Exception {
		MultiValueMap<String, String> fields = ReportFormMother.validFields();
		fields.set("aiSystemId", "not-listed");
		fields.set("aiSystemName", "   ");

		this.mvc.perform(post("/reports").with(csrf()).params(fields))
			.andExpect(view().name(ReportController.FORM_VIEW))
			.andExpect(model().errorCount(1))
			.andExpect(model().attributeHasFieldErrorCode("reportForm", "aiSystemName", "required"));
	}

	@Test
	void refusesAiOutputLongerThanTwentyThousandCharacters() throws Exception {
		MultiValueMap<String, String> fields = ReportFormMother.validFields();
		fields.set("aiOutput", "x".repeat(20_001));

		this.mvc.perform(post("/reports").with(csrf()).params(fields))
			.andExpect(view().name(ReportController.FORM_VIEW))
			.andExpect(model().errorCount(1))
			.andExpect(model().attributeHasFieldErrorCode("reportForm", "aiOutput", "Size"));
	}

	@Test
	void reRendersHostileTextEscaped() throws Exception {
		String hostile = "<script>alert(1)</script>\u202Egnp.exe\u200B\u0000";
		MultiValueMap<String, String> fields = ReportFormMother.validFields();
		fields.remove("whatIsWrong");
		fields.set("aiOutput", hostile);
		fields.set("aiSystemName", hostile);
		fields.set("expected", hostile);
		fields.set("aiSystemId", hostile);

		String page = this.mvc.perform(post("/reports").with(csrf()).params(fields))
			.andExpect(status().isBadRequest())
			.andExpect(model().attributeHasFieldErrors("reportForm", "whatIsWrong", "aiSystemId"))
			.andExpect(content().string(not(containsString("<script"))))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
	}

	@Test
	void submitsNothingWhenValidationFails() throws Exception {
		MultiValueMap<String, String> fields = ReportFormMother.validFields();
		fields.set("evidenceUrl", "javascript:alert(1)");

		this.mvc.perform(post("/reports").with(csrf()).params(fields))
			.andExpect(view().name(ReportController.FORM_VIEW))
			.andExpect(model().attributeHasFieldErrors("reportForm", "evidenceUrl"));
		verifyNoInteractions(this.submitting);
	}

	@Test
	void showsTheReceiptCodeHandedOverByFlash() throws Exception {
		String code = ReceiptCode.generate().display();

		this.mvc.perform(get("/reports/receipt").flashAttr("receiptCode", code))
			.andExpect(status().isOk())
			.andExpect(view().name(ReportController.RECEIPT_VIEW))
			.andExpect(content().string(containsString(code)));
	}

	@Test
	void redirectsTheReceiptPageToTheFormWithoutAFlash() throws Exception {
		this.mvc.perform(get("/reports/receipt")).andExpect(redirectedUrl("/"));
	}

}
