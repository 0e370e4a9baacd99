package org.recourse.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives test classes one local stack per test run: started on free ports in a temporary
 * folder by the first class that asks, stopped (every process) when the run ends.
 * Starting it once keeps the suite fast.
 */
class LocalStackExtension implements ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(LocalStackExtension.class);

	@Override
	public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
		return parameter.getParameter().getType() == LocalStack.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(LocalStack.class, (key) -> start(), LocalStack.class);
	}

	private static LocalStack start() {
		try {
			Path dataDir = Files.createTempDirectory("recourse-stack-");
			Path services = Path.of(System.getProperty("recourse.services.dir", "target/services"));
			// status pages are polled while waiting: every test client is 127.0.0.1, so
			// lift the per-client limits
			Awaitility.setDefaultPollInterval(Duration.ofMillis(250));
			// the SLA scanner and the metric gauges look every second, for the metrics
			// test's
			// breach
			return LocalStack
				.start(StackSettings.onFreePorts(dataDir, services, "--recourse.rate-limit.submissions-per-hour=100000",
						"--recourse.rate-limit.lookups-per-hour=100000", "--recourse.outbox.max-backoff=5s",
						"--recourse.registry.seed=" + seedWithProbe(dataDir).toUri(), "--recourse.sla.scan-interval=1s",
						"--recourse.metrics.refresh-interval=1s"));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The demo registry plus the {@code sla-probe} system, whose seconds-long targets let
	 * {@code MetricsEndToEndTests} see a breach; the demo systems stay as they are.
	 */
	static Path seedWithProbe(Path dataDir) throws java.io.IOException {
		JsonMapper json = JsonMapper.builder().build();
		ArrayNode systems = (ArrayNode) json
			.readTree(Path.of("..", "triage-service", "src", "main", "resources", "registry", "seed.json").toFile());
		try (java.io.InputStream probe = LocalStackExtension.class
			.getResourceAsStream("/registry/sla-probe-system.json")) {
			systems.add(json.readTree(probe));
		}
		Path seed = dataDir.resolve("registry-seed.json");
		json.writeValue(seed.toFile(), systems);
		return seed;
	}

}
