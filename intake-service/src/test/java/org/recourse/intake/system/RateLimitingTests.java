package org.recourse.intake.system;

import org.junit.jupiter.api.Test;
import org.recourse.intake.status.ReadingStatus;
import org.recourse.intake.status.StatusController;

import org.springframework.context.annotation.Import;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

import static org.hamcrest.Matchers.containsString;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Receipt-code look-ups from one client are limited; other clients and other pages are
 * not affected.
 */
@WebMvcTest(controllers = StatusController.class, properties = "recourse.rate-limit.lookups-per-hour=3")
@Import(SecurityConfiguration.class)
class RateLimitingTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private ReadingStatus reading;

	@Test
	void refusesTheLookUpOverTheLimitWithAClearProblemAndRetryAfter() throws Exception {
		for (int i = 0; i < 3; i++) {
			lookUp("10.0.0.1").andExpect(status().isNotFound());
		}
		lookUp("10.0.0.1").andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail", containsString("Too many receipt-code look-ups")));
		lookUp("10.0.0.2").andExpect(status().isNotFound());
	}

	@Test
	void answersTheWebPageOverTheLimitWithAReadablePage() throws Exception {
		for (int i = 0; i < 3; i++) {
			this.mvc.perform(post("/status").with(csrf()).param("receiptCode", "x").with((request) -> {
				request.setRemoteAddr("10.0.0.3");
				return request;
			}));
		}
		this.mvc.perform(post("/status").with(csrf()).param("receiptCode", "x").with((request) -> {
			request.setRemoteAddr("10.0.0.3");
			return request;
		})).andExpect(status().isTooManyRequests()).andExpect(content().string(containsString("Please wait")));
		this.mvc.perform(get("/status").with((request) -> {
			request.setRemoteAddr("10.0.0.3");
			return request;
		})).andExpect(status().isOk());
	}

	private ResultActions lookUp(String address) throws Exception {
		return this.mvc.perform(post("/api/v1/reports/status").contentType(MediaType.APPLICATION_JSON)
			.content("{\"receiptCode\": \"ABCD-EFGH-JKMN-PQRS-TVWX-YZ01\"}")
			.with((request) -> {
				request.setRemoteAddr(address);
				return request;
			}));
	}

}
