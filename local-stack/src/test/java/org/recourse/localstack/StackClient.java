package org.recourse.localstack;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A browser-like HTTP client for the stack: keeps cookies, does not follow redirects,
 * speaks forms and JSON.
 */
final class StackClient {

	private static final Pattern RECEIPT = Pattern.compile("id=\"receipt-code\">([0-9A-Z-]+)<");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	/** The password of the demo staff accounts of triage's local configuration. */
	static final String DEMO_PASSWORD = "recourse-demo";

	/** The scrape credential of the local configuration. */
	static final String SCRAPE_PASSWORD = "scrape-local-only";

	private final String authorization;

	private String csrfToken;

	StackClient() {
		this(null);
	}

	private StackClient(String authorization) {
		this.authorization = authorization;
	}

	/**
	 * A client that sends HTTP Basic credentials with every request (staff APIs, the
	 * scrape).
	 */
	static StackClient signedInAs(String user, String password) {
		return new StackClient("Basic " + java.util.Base64.getEncoder()
			.encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
	}

	/** A staff member of the demo accounts. */
	static StackClient staff(String user) {
		return signedInAs(user, DEMO_PASSWORD);
	}

	/** Prometheus, as the scrape credential. */
	static StackClient scraper() {
		return signedInAs("prometheus", SCRAPE_PASSWORD);
	}

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	/**
	 * Posts a form like a browser would: with the CSRF token of the last page seen (read
	 * from the service's status page first when no page was seen yet).
	 */
	HttpResponse<String> postForm(String url, Map<String, String> fields) {
		if (this.csrfToken == null && !fields.containsKey("_csrf")) {
			URI target = URI.create(url);
			get(target.getScheme() + "://" + target.getAuthority() + "/status");
		}
		Map<String, String> withToken = new java.util.LinkedHashMap<>(fields);
		if (this.csrfToken != null) {
			withToken.putIfAbsent("_csrf", this.csrfToken);
		}
		String body = withToken.entrySet()
			.stream()
			.map((field) -> encode(field.getKey()) + "=" + encode(field.getValue()))
			.collect(Collectors.joining("&"));
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	HttpResponse<String> postJson(String url, Object body) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.POST(HttpRequest.BodyPublishers
				.ofString((body instanceof String raw) ? raw : this.json.writeValueAsString(body))));
	}

	HttpResponse<String> putJson(String url, Object body) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json, application/problem+json")
			.PUT(HttpRequest.BodyPublishers
				.ofString((body instanceof String raw) ? raw : this.json.writeValueAsString(body))));
	}

	JsonNode json(HttpResponse<String> response) {
		return this.json.readTree(response.body());
	}

	static String receiptCodeIn(String page) {
		Matcher matcher = RECEIPT.matcher(page);
		if (!matcher.find()) {
			throw new AssertionError("No receipt code on the page");
		}
		return matcher.group(1);
	}

	private HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			if (this.authorization != null) {
				request.header("Authorization", this.authorization);
			}
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher token = CSRF.matcher(response.body());
			if (token.find()) {
				this.csrfToken = token.group(1);
			}
			return response;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
