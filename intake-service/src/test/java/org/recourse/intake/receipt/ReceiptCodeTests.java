package org.recourse.intake.receipt;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReceiptCodeTests {

	private static final String GROUP = "[0-9A-HJKMNP-TV-Z]{4}";

	@Test
	void generatesSixGroupsOfFourCrockfordCharacters() {
		for (int i = 0; i < 100; i++) {
			assertThat(ReceiptCode.generate().display()).matches(GROUP + ("-" + GROUP).repeat(5));
		}
	}

	@Test
	void readsBackTheCodeItDisplays() {
		ReceiptCode code = ReceiptCode.generate();

		assertThat(ReceiptCode.parse(code.display())).contains(code);
	}

	@Test
	void toleratesLowerCaseSpacesAndMissingDashes() {
		ReceiptCode code = ReceiptCode.generate();

		assertThat(ReceiptCode.parse(code.display().toLowerCase(Locale.ROOT))).contains(code);
		assertThat(ReceiptCode.parse(" " + code.display().replace('-', ' ') + " ")).contains(code);
		assertThat(ReceiptCode.parse(code.display().replace("-", ""))).contains(code);
	}

	@Test
	void readsLookAlikeLettersAsDigits() {
		assertThat(ReceiptCode.parse("OOOO-IIII-LLLL-oooo-iiii-llll"))
			.contains(new ReceiptCode("00001111", "1111000011111111"));
	}

	@Test
	void rejectsCodesOfTheWrongLength() {
		String display = ReceiptCode.generate().display();

		assertThat(ReceiptCode.parse(display.substring(1))).isEmpty();
		assertThat(ReceiptCode.parse(display + "A")).isEmpty();
		assertThat(ReceiptCode.parse("")).isEmpty();
	}

	@Test
	void rejectsCharactersOutsideTheAlphabet() {
		assertThat(ReceiptCode.parse("UUUU-0000-0000-0000-0000-0000")).isEmpty();
		assertThat(ReceiptCode.parse("0000-0000-0000-0000-0000-000!")).isEmpty();
		assertThat(ReceiptCode.parse("0000-0000-0000-0000-0000-000\u0410")).isEmpty();
		assertThat(ReceiptCode.parse("0000-0000-0000-0000-0000-000\uFF10")).isEmpty();
		assertThat(ReceiptCode.parse("0000-0000-0000-0000-0000-000\u0000")).isEmpty();
	}

	@Test
	void rejectsNullAndHugeInput() {
		assertThat(ReceiptCode.parse(null)).isEmpty();
		assertThat(ReceiptCode.parse("A".repeat(10_000))).isEmpty();
	}

	@Test
	void neverRevealsTheSecretInToString() {
		ReceiptCode code = ReceiptCode.generate();

		assertThat(code.toString()).contains(code.lookup()).doesNotContain(code.secret());
	}

	@Test
	void generatesDistinctCodes() {
		Set<String> seen = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			seen.add(ReceiptCode.generate().display());
		}

		assertThat(seen).hasSize(10_000);
	}

}
