package org.recourse.intake.receipt;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptHasherTests {

	private final ReceiptHasher hasher = new ReceiptHasher(new ReceiptHasher.Settings(4));

	private final ReceiptCode code = ReceiptCode.generate();

	@Test
	void storesASaltedBcryptHashRatherThanTheSecret() {
		String hash = this.hasher.hash(this.code);

		assertThat(hash).startsWith("$2").doesNotContain(this.code.secret());
		assertThat(this.hasher.hash(this.code)).isNotEqualTo(hash);
	}

	@Test
	void matchesTheCodeItHashed() {
		assertThat(this.hasher.matches(this.code, this.hasher.hash(this.code))).isTrue();
	}

	@Test
	void doesNotMatchAnotherSecretWithTheSameLookup() {
		ReceiptCode guess = new ReceiptCode(this.code.lookup(), ReceiptCode.generate().secret());

		assertThat(this.hasher.matches(guess, this.hasher.hash(this.code))).isFalse();
	}

	@Test
	void neverMatchesAMissingHash() {
		assertThat(this.hasher.matches(this.code, null)).isFalse();
	}

	@Test
	void costsFourByDefaultAndWhatTheSettingSays() {
		ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(HasherOnly.class);

		context
			.run((defaults) -> assertThat(defaults.getBean(ReceiptHasher.class).hash(this.code)).startsWith("$2a$04$"));
		context.withPropertyValues("recourse.receipt.bcrypt-strength=6")
			.run((raised) -> assertThat(raised.getBean(ReceiptHasher.class).hash(this.code)).startsWith("$2a$06$"));
	}

	@Test
	void aHashOfAnotherCostStillMatches() {
		ReceiptHasher stronger = new ReceiptHasher(new ReceiptHasher.Settings(6));

		assertThat(this.hasher.matches(this.code, stronger.hash(this.code))).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(ReceiptHasher.Settings.class)
	@Import(ReceiptHasher.class)
	static class HasherOnly {

	}

}
