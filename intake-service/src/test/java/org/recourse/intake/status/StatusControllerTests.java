package org.recourse.intake.status;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.recourse.intake.receipt.ReceiptCode;
import org.recourse.intake.report.TimelineEntry;

import org.recourse.intake.system.SecurityConfiguration;

import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.view;

@WebMvcTest(StatusController.class)
@Import(SecurityConfiguration.class)
class StatusControllerTests {

	private static final String NOT_FOUND = "No report matches this receipt code";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ReadingStatus reading;

	@Test
	void showsTheLookupForm() throws Exception {
		this.mvc.perform(get("/status"))
			.andExpect(status().isOk())
			.andExpect(view().name(StatusController.LOOKUP_VIEW))
			.andExpect(content().string(containsString("name=\"receiptCode\"")))
			.andExpect(content().string(not(containsString(NOT_FOUND))));
	}

	@Test
	void answersUnknownAndMalformedCodesAlike() throws Exception {
		String unknown = ReceiptCode.generate().display();
		given(this.reading.read(any())).willReturn(Optional.empty());

		String unknownPage = lookUpMissing(unknown);
		String malformedPage = lookUpMissing("not a code");

		assertThat(withoutCsrfToken(unknownPage)).contains(NOT_FOUND)
			.doesNotContain(unknown)
			.isEqualTo(withoutCsrfToken(malformedPage));
	}

	@Test
	void showsTheTimelineWithUpdatesEscaped() throws Exception {
		String code = ReceiptCode.generate().display();
		Instant submitted = Instant.parse("2025-03-14T09:30:00Z");
		List<TimelineEntry> timeline = List.of(
				new TimelineEntry("e1", submitted.plusSeconds(60), "RECEIVED", "The owner has your report."),
				new TimelineEntry("e2", submitted.plusSeconds(3600), "QUESTION",
						"Which <script>alert(1)</script> page & tab?"));
		given(this.reading.read(code)).willReturn(Optional.of(new ReporterStatus("report-1", submitted, "hr-assistant",
				"The AI gave a wrong answer", "High", "QUESTION", timeline, timeline.get(1), null, null, false)));

		this.mvc.perform(post("/status").with(csrf()).param("receiptCode", code))
			.andExpect(status().isOk())
			.andExpect(view().name(StatusController.STATUS_VIEW))
			.andExpect(content().string(containsString("14 Mar 2025 09:30 UTC")))
			.andExpect(content().string(containsString("The owner has your report.")))
			.andExpect(content().string(containsString("Which &lt;script&gt;alert(1)&lt;/script&gt; page &amp; tab?")))
			.andExpect(content().string(not(containsString("<script"))))
			.andExpect(content().string(not(containsString(code))));
	}

	@Test
	void refusesAFormPostWithoutItsCsrfToken() throws Exception {
		this.mvc.perform(post("/status").param("receiptCode", ReceiptCode.generate().display()))
			.andExpect(status().isForbidden());
		then(this.reading).shouldHaveNoInteractions();
	}

	@Test
	void pagesCarryTheSecurityHeaders() throws Exception {
		this.mvc.perform(get("/status"))
			.andExpect(header().string("Content-Security-Policy", containsString("script-src 'self'")))
			.andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Referrer-Policy", "no-referrer"))
			.andExpect(header().doesNotExist("Strict-Transport-Security"));
		this.mvc.perform(get("/status").secure(true))
			.andExpect(header().string("Strict-Transport-Security", containsString("max-age=31536000")));
	}

	/** Each answer carries a fresh CSRF token; apart from it the pages must be equal. */
	private static String withoutCsrfToken(String page) {
		return page.replaceAll("name=\"_csrf\" value=\"[^\"]*\"", "name=\"_csrf\"");
	}

	private String lookUpMissing(String typed) throws Exception {
		return this.mvc.perform(post("/status").with(csrf()).param("receiptCode", typed))
			.andExpect(status().isNotFound())
			.andExpect(view().name(StatusController.LOOKUP_VIEW))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

}
