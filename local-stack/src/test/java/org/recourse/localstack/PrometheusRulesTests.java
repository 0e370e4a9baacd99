package org.recourse.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Prometheus files in {@code ops/prometheus} as {@code promtool} sees them: the
 * configuration is valid, the rules are, and the rule unit tests in
 * {@code ops/prometheus/tests} pass and exercise every alert.
 */
class PrometheusRulesTests {

	private static final Pattern ALERT = Pattern.compile("(?m)^\\s*-?\\s*alert:\\s*(\\S+)");

	private static final Pattern TESTED_ALERT = Pattern.compile("(?m)^\\s*-?\\s*alertname:\\s*(\\S+)");

	@Test
	void configurationIsValid(@TempDir Path dir) throws Exception {
		Path config = PrometheusBinaries.copyConfiguration(dir, "15s", List.of());

		PrometheusBinaries.Result check = PrometheusBinaries.run(dir, PrometheusBinaries.binary("promtool").toString(),
				"check", "config", config.toString());

		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).contains("SUCCESS: 2 rule files found");
	}

	@Test
	void rulesAreValid() throws Exception {
		List<String> command = new java.util.ArrayList<>(
				List.of(PrometheusBinaries.binary("promtool").toString(), "check", "rules"));
		ruleFiles().forEach((file) -> command.add(file.toString()));

		PrometheusBinaries.Result check = PrometheusBinaries.run(PrometheusBinaries.OPS,
				command.toArray(String[]::new));

		assertThat(check.exitCode()).as(check.output()).isZero();
		assertThat(check.output()).doesNotContain("FAILED");
	}

	@Test
	void ruleUnitTestsPass() throws Exception {
		List<String> command = new java.util.ArrayList<>(
				List.of(PrometheusBinaries.binary("promtool").toString(), "test", "rules"));
		testFiles().forEach((file) -> command.add(file.toString()));

		PrometheusBinaries.Result test = PrometheusBinaries.run(PrometheusBinaries.OPS.resolve("tests"),
				command.toArray(String[]::new));

		assertThat(test.exitCode()).as(test.output()).isZero();
		assertThat(test.output()).contains("SUCCESS").doesNotContain("FAILED");
	}

	@Test
	void everyAlertHasARuleUnitTest() throws IOException {
		Set<String> alerts = new TreeSet<>();
		for (Path file : ruleFiles()) {
			alerts.addAll(matches(ALERT, Files.readString(file)));
		}
		Set<String> tested = new TreeSet<>();
		for (Path file : testFiles()) {
			tested.addAll(matches(TESTED_ALERT, Files.readString(file)));
		}

		assertThat(alerts).isNotEmpty();
		assertThat(tested).containsAll(alerts);
	}

	private static List<Path> ruleFiles() throws IOException {
		return yamlFiles(PrometheusBinaries.OPS.resolve("rules"));
	}

	private static List<Path> testFiles() throws IOException {
		return yamlFiles(PrometheusBinaries.OPS.resolve("tests"));
	}

	private static List<Path> yamlFiles(Path dir) throws IOException {
		try (var files = Files.list(dir)) {
			return files.filter((file) -> file.toString().endsWith(".yml"))
				.map((file) -> file.toAbsolutePath().normalize())
				.sorted()
				.toList();
		}
	}

	private static Set<String> matches(Pattern pattern, String text) {
		Set<String> found = new TreeSet<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			found.add(matcher.group(1));
		}
		return found;
	}

}
