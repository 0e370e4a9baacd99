package org.recourse.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Each service's JVM as its own {@code /actuator/prometheus} reports it (Micrometer's
 * {@code jvm_*} meters, read with the scrape credential): heap used, committed and
 * maximum, live data after the last collection, and garbage collections so far. A scrape
 * costs the service one bcrypt check of the credential (~70 ms of CPU), so the benchmark
 * scrapes every 15 s, as Prometheus would, not more often.
 */
final class ServiceJvms {

	/**
	 * One scrape of one service; sizes in bytes, GC time in seconds; null fields unknown.
	 */
	record Jvm(double heapUsed, double heapCommitted, double heapMax, double liveAfterGc, double gcCount,
			double gcSeconds) {

		static final Jvm NONE = new Jvm(0, 0, 0, 0, 0, 0);

	}

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final Map<String, String> services = new LinkedHashMap<>();

	private final String authorization;

	ServiceJvms(StackUnderTest stack, String scrapePassword) {
		this.services.put("intake-service", stack.intakeUrl);
		this.services.put("triage-service", stack.triageUrl);
		this.services.put("notification-service", stack.notificationUrl);
		this.authorization = "Basic "
				+ Base64.getEncoder().encodeToString(("prometheus:" + scrapePassword).getBytes(StandardCharsets.UTF_8));
	}

	/** Every service's figures now; a service that does not answer is left out. */
	Map<String, Jvm> scrape() {
		Map<String, Jvm> jvms = new LinkedHashMap<>();
		this.services.forEach((name, url) -> {
			String text = fetch(url + "/actuator/prometheus");
			if (text != null) {
				jvms.put(name, parse(text));
			}
		});
		return jvms;
	}

	/**
	 * The sum of every sample of {@code metric} on the service at {@code url} (0 when it
	 * has none yet), or null when the service does not answer.
	 */
	Double metricSum(String url, String metric) {
		String text = fetch(url + "/actuator/prometheus");
		return (text != null) ? sum(text, metric) : null;
	}

	private String fetch(String url) {
		try {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url))
				.timeout(Duration.ofSeconds(30))
				.header("Authorization", this.authorization)
				.build(), HttpResponse.BodyHandlers.ofString());
			return (response.statusCode() == 200) ? response.body() : null;
		}
		catch (java.io.IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * The sum of every sample of {@code metric} in a page of the Prometheus text format:
	 * of each line that starts with the name, followed by its labels or directly by the
	 * value. Comments and other metrics whose name only begins the same way are left out;
	 * 0 when there is no sample.
	 */
	static double sum(String text, String metric) {
		return text.lines().filter((line) -> line.startsWith(metric)).filter((line) -> {
			char next = (line.length() > metric.length()) ? line.charAt(metric.length()) : '\n';
			return next == '{' || next == ' ';
		}).mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
	}

	static Jvm parse(String text) {
		double[] sums = new double[6];
		text.lines().filter((line) -> line.startsWith("jvm_")).forEach((line) -> {
			int space = line.lastIndexOf(' ');
			double value = Double.parseDouble(line.substring(space + 1));
			boolean heap = line.contains("area=\"heap\"");
			if (line.startsWith("jvm_memory_used_bytes{") && heap) {
				sums[0] += value;
			}
			else if (line.startsWith("jvm_memory_committed_bytes{") && heap) {
				sums[1] += value;
			}
			else if (line.startsWith("jvm_memory_max_bytes{") && heap && value > 0) {
				sums[2] += value;
			}
			else if (line.startsWith("jvm_gc_live_data_size_bytes")) {
				sums[3] += value;
			}
			else if (line.startsWith("jvm_gc_pause_seconds_count{")) {
				sums[4] += value;
			}
			else if (line.startsWith("jvm_gc_pause_seconds_sum{")) {
				sums[5] += value;
			}
		});
		return new Jvm(sums[0], sums[1], sums[2], sums[3], sums[4], sums[5]);
	}

}
