package org.recourse.intake.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Limits how often one client may submit reports and try receipt codes. The client is
 * known only by a keyed hash of its address under a key that lives in this process's
 * memory and is never written anywhere, so the limiter cannot be turned into a record of
 * who reported; entries expire after an hour of silence.
 */
@Component
@EnableConfigurationProperties(RateLimiting.Settings.class)
class RateLimiting extends OncePerRequestFilter {

	private static final Set<String> SUBMISSIONS = Set.of("/reports", "/api/v1/reports");

	private static final Set<String> LOOKUPS = Set.of("/status", "/status/reply", "/status/contest",
			"/api/v1/reports/status", "/api/v1/reports/replies", "/api/v1/reports/contest");

	private final Settings settings;

	private final byte[] key = new byte[32];

	private final Cache<String, Bucket> buckets = Caffeine.newBuilder()
		.maximumSize(100_000)
		.expireAfterAccess(Duration.ofHours(1))
		.build();

	RateLimiting(Settings settings) {
		this.settings = settings;
		new SecureRandom().nextBytes(this.key);
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !this.settings.enabled() || !"POST".equals(request.getMethod())
				|| !(SUBMISSIONS.contains(path(request)) || LOOKUPS.contains(path(request)));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		boolean submission = SUBMISSIONS.contains(path(request));
		String client = (submission ? "submit:" : "lookup:") + clientKey(request.getRemoteAddr());
		Bucket bucket = this.buckets.get(client, (ignored) -> newBucket(
				submission ? this.settings.submissionsPerHour() : this.settings.lookupsPerHour()));
		ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
		if (probe.isConsumed()) {
			chain.doFilter(request, response);
			return;
		}
		long retryAfter = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
		refuse(request, response, retryAfter, submission);
	}

	private static Bucket newBucket(int perHour) {
		return Bucket.builder()
			.addLimit(Bandwidth.builder().capacity(perHour).refillGreedy(perHour, Duration.ofHours(1)).build())
			.build();
	}

	private static void refuse(HttpServletRequest request, HttpServletResponse response, long retryAfter,
			boolean submission) throws IOException {
		String what = submission ? "reports" : "receipt-code look-ups";
		String detail = "Too many " + what + " from your connection. Please wait " + minutes(retryAfter)
				+ " and try again.";
		response.setStatus(429);
		response.setHeader("Retry-After", String.valueOf(retryAfter));
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		if (path(request).startsWith("/api/")) {
			response.setContentType("application/problem+json");
			response.getWriter()
				.write("{\"type\":\"about:blank\",\"title\":\"Too many requests\",\"status\":429,\"detail\":\"" + detail
						+ "\"}");
		}
		else {
			response.setContentType("text/html");
			response.getWriter()
				.write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many requests"
						+ " · Recourse</title><link rel=\"stylesheet\" href=\"/css/app.css\"></head><body><main id=\"main\">"
						+ "<h1>Too many requests</h1><p>" + detail + "</p><p><a href=\"/\">Back to the start</a></p>"
						+ "</main></body></html>");
		}
	}

	private static String minutes(long seconds) {
		long minutes = Math.max(1, (seconds + 59) / 60);
		return (minutes == 1) ? "a minute" : minutes + " minutes";
	}

	private String clientKey(String address) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(this.key, "HmacSHA256"));
			return Base64.getEncoder().encodeToString(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String path(HttpServletRequest request) {
		return request.getRequestURI().substring(request.getContextPath().length());
	}

	@ConfigurationProperties("recourse.rate-limit")
	record Settings(@DefaultValue("true") boolean enabled, @DefaultValue("20") int submissionsPerHour,
			@DefaultValue("60") int lookupsPerHour) {
	}

}
