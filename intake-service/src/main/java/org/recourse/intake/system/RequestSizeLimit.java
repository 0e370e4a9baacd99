package org.recourse.intake.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body declared larger than any valid report (413) before anything
 * reads it. Tomcat bounds form posts ({@code server.tomcat.max-http-form-post-size}) but
 * not JSON, which Jackson would otherwise read whole into memory, however large. The
 * largest valid report, every character escaped, is about 300 KB.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestSizeLimit extends OncePerRequestFilter {

	private final long maxBytes;

	RequestSizeLimit(@Value("${recourse.max-request-size:1MB}") DataSize maxSize) {
		this.maxBytes = maxSize.toBytes();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() <= this.maxBytes) {
			chain.doFilter(request, response);
			return;
		}
		String detail = "The request is larger than any report can be. Shorten the text and try again.";
		boolean api = request.getRequestURI().startsWith(request.getContextPath() + "/api/");
		byte[] body = (api
				? "{\"type\":\"about:blank\",\"title\":\"Request too large\",\"status\":413,\"detail\":\"" + detail
						+ "\"}"
				: "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Request too large"
						+ " · Recourse</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head><body><main id=\"main\">"
						+ "<h1>Request too large</h1><p>" + detail + "</p><p><a href=\"/\">Back to the start</a></p>"
						+ "</main></body></html>")
			.getBytes(StandardCharsets.UTF_8);
		response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
		response.setHeader("Connection", "close");
		response.setContentType(api ? "application/problem+json;charset=UTF-8" : "text/html;charset=UTF-8");
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
		// sent now: the client may still be sending the body it announced, and is not
		// read
		response.flushBuffer();
	}

}
