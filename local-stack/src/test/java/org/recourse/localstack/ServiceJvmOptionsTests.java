package org.recourse.localstack;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The services' JVM options: the laptop defaults unless {@code RECOURSE_SERVICE_JVM_OPTS}
 * says otherwise, and they come before {@code -jar} on each service's command line.
 */
class ServiceJvmOptionsTests {

	@Test
	void unsetOrBlankKeepsTheDefaults() {
		assertThat(StackSettings.serviceJvmOptions(null)).isEqualTo(StackSettings.DEFAULT_SERVICE_JVM_OPTIONS)
			.containsExactly("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
		assertThat(StackSettings.serviceJvmOptions("  \t ")).isEqualTo(StackSettings.DEFAULT_SERVICE_JVM_OPTIONS);
	}

	@Test
	void theVariableReplacesTheDefaultsOptionByOption() {
		assertThat(StackSettings.serviceJvmOptions("  -Xms256m   -Xmx256m\t-XX:+UseSerialGC -Dfoo=a=b "))
			.containsExactly("-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-Dfoo=a=b");
	}

	@Test
	void somethingThatIsNotAnOptionIsRefusedByName() {
		assertThatIllegalArgumentException().isThrownBy(() -> StackSettings.serviceJvmOptions("-Xmx256m Xms256m"))
			.withMessageContaining("RECOURSE_SERVICE_JVM_OPTS")
			.withMessageContaining("'Xms256m'");
		assertThatIllegalArgumentException().isThrownBy(() -> StackSettings.serviceJvmOptions("-jar other.jar"))
			.withMessageContaining("'-jar'");
	}

	@Test
	void eachServiceStartsWithTheOptionsBeforeItsJar() {
		StackSettings settings = new StackSettings(Path.of("data"), Path.of("services"), 1, 2, 3, 4, 5, 6, 7, 8,
				List.of("--extra=1"), List.of("-Xmx200m", "-XX:+UseParallelGC"), false);

		for (Service service : Service.values()) {
			List<String> arguments = service.arguments(settings, service.port(settings));
			assertThat(arguments.subList(0, 3)).containsExactly("-Xmx200m", "-XX:+UseParallelGC", "-jar");
			assertThat(arguments.get(3)).endsWith(service.artifact() + ".jar");
			assertThat(arguments).doesNotContain("-XX:TieredStopAtLevel=1").endsWith("--extra=1");
		}
	}

	@Test
	void theStartTimeoutIsThreeMinutesUnlessSaidOtherwise() {
		assertThat(LocalStack.startTimeout(null)).hasMinutes(3);
		assertThat(LocalStack.startTimeout(" 600 ")).hasSeconds(600);
		assertThatIllegalArgumentException().isThrownBy(() -> LocalStack.startTimeout("10m"))
			.withMessageContaining("RECOURSE_START_TIMEOUT_SECONDS");
	}

}
