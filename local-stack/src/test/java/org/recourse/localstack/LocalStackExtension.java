package org.recourse.localstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.awaitility.Awaitility;

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
			return LocalStack
				.start(StackSettings.onFreePorts(dataDir, services, "--recourse.rate-limit.submissions-per-hour=100000",
						"--recourse.rate-limit.lookups-per-hour=100000", "--recourse.outbox.max-backoff=5s"));
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
