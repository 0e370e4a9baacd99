package org.recourse.triage.security;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * A request the security firewall refuses (an encoded slash, a NUL or a line break in the
 * path) gets a 400 that says why, as a problem, instead of an empty answer.
 */
@Configuration(proxyBeanMethods = false)
class RejectedRequests {

	@Bean
	RequestRejectedHandler requestRejectedHandler() {
		return (request, response, ex) -> {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.setContentType("application/problem+json");
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Bad Request\",\"status\":400,"
						+ "\"detail\":\"The address contains characters that are not allowed in it.\"}");
		};
	}

}
