package org.recourse.localstack;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;

/**
 * Debian's Prometheus server on a free port with a temporary database, running the
 * repository's configuration and rules against the local stack: scraping every second,
 * with the scrape credentials the services will ask for.
 */
final class PrometheusServer implements AutoCloseable {

	private final Process process;

	private final String url;

	private final StackClient client = new StackClient();

	private PrometheusServer(Process process, String url) {
		this.process = process;
		this.url = url;
	}

	static PrometheusServer scraping(StackSettings stack, Path dir) throws IOException {
		Path config = PrometheusBinaries.copyConfiguration(dir, "1s",
				List.of(target("intake-service:8080", stack.intakePort()),
						target("triage-service:8081", stack.triagePort()),
						target("notification-service:8082", stack.notificationPort())));
		int port;
		try (ServerSocket socket = new ServerSocket(0)) {
			port = socket.getLocalPort();
		}
		Process process = new ProcessBuilder(PrometheusBinaries.binary("prometheus").toString(),
				"--config.file=" + config, "--storage.tsdb.path=" + dir.resolve("data"),
				"--web.listen-address=127.0.0.1:" + port, "--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("prometheus.log").toFile())
			.start();
		return new PrometheusServer(process, "http://127.0.0.1:" + port);
	}

	private static String[] target(String composeTarget, int port) {
		return new String[] { composeTarget, StackSettings.HOST + ":" + port };
	}

	/** The {@code data.result} of an instant query, now. */
	JsonNode query(String promql) {
		JsonNode answer = api("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
		if (!"success".equals(answer.path("status").asString())) {
			throw new AssertionError("Prometheus refused " + promql + ": " + answer);
		}
		return answer.get("data").get("result");
	}

	/** The single value of an instant query, or NaN when it has no result. */
	double value(String promql) {
		JsonNode result = query(promql);
		return result.isEmpty() ? Double.NaN : Double.parseDouble(result.get(0).get("value").get(1).asString());
	}

	JsonNode api(String path) {
		return this.client.json(this.client.get(this.url + path));
	}

	boolean ready() {
		try {
			return this.client.get(this.url + "/-/ready").statusCode() == 200;
		}
		catch (IllegalStateException ex) {
			return false;
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
