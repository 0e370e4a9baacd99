package org.recourse.intake.receipt;

import org.junit.jupiter.api.Test;

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

}
