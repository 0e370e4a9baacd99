package org.recourse.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Debian's headless Chromium driven by its chromedriver, kept out of the home directory:
 * the profile and the XDG config and cache folders live in one temporary folder that is
 * deleted on {@link #close()}. Machines without the browser skip the tests, except CI,
 * which installs it and so must fail loudly when it is missing.
 */
final class Browser implements AutoCloseable {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private final Path home;

	private final ChromeDriver driver;

	private Browser(Path home, ChromeDriver driver) {
		this.home = home;
		this.driver = driver;
	}

	static Browser start() {
		requireInstalled();
		Path home = createHome();
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withEnvironment(Map.of("XDG_CONFIG_HOME", home.resolve("config").toString(), "XDG_CACHE_HOME",
					home.resolve("cache").toString()))
			.build();
		ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile())
			.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--window-size=1280,1024", "--user-data-dir=" + home.resolve("profile"));
		ChromeDriver driver = new ChromeDriver(service, options);
		driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
		return new Browser(home, driver);
	}

	ChromeDriver driver() {
		return this.driver;
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			delete(this.home);
		}
	}

	private static void requireInstalled() {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String missing = CHROMIUM + " and " + CHROMEDRIVER
				+ " are needed for the browser tests: apt-get install chromium chromium-driver";
		if (!installed && "true".equals(System.getenv("CI"))) {
			fail(missing + " (CI installs them, so this build is broken)");
		}
		assumeTrue(installed, missing);
	}

	private static Path createHome() {
		try {
			return Files.createTempDirectory("recourse-browser-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void delete(Path folder) {
		try (Stream<Path> paths = Files.walk(folder)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary folder is harmless
		}
	}

}
