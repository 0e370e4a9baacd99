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

	private final HttpClient http = HttpClient.newBuilder()
		.cookieHandler(new CookieManager())
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final JsonMapper json = JsonMapper.builder().build();

	HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	HttpResponse<String> postForm(String url, Map<String, String> fields) {
		String body = fields.entrySet()
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
			return this.http.send(request.timeout(Duration.ofSeconds(30)).build(),
					HttpResponse.BodyHandlers.ofString());
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
