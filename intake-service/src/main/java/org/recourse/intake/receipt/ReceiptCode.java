package org.recourse.intake.receipt;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A receipt code such as {@code 7KQ2-9WXR-MD4T-JH3C-P8VN-2FGA}: 24 Crockford base32
 * characters (no I, L, O or U, so it reads aloud and copies by hand without ambiguity).
 * The first 8 characters (40 bits) find the report; the last 16 (80 bits) are the secret
 * that is stored only as a slow hash.
 */
public record ReceiptCode(String lookup, String secret) {

	static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

	static final int LOOKUP_LENGTH = 8;

	static final int SECRET_LENGTH = 16;

	private static final int GROUP = 4;

	private static final int MAX_INPUT_LENGTH = 64;

	private static final Pattern VALID = Pattern.compile("[" + ALPHABET + "]{" + (LOOKUP_LENGTH + SECRET_LENGTH) + "}");

	private static final SecureRandom RANDOM = new SecureRandom();

	public static ReceiptCode generate() {
		return new ReceiptCode(randomChars(LOOKUP_LENGTH), randomChars(SECRET_LENGTH));
	}

	/**
	 * Reads what a person typed: case, spaces and dashes do not matter, and the
	 * look-alikes O, I and L are read as 0, 1 and 1. Anything else is empty, never an
	 * error that says why.
	 */
	public static Optional<ReceiptCode> parse(String typed) {
		if (typed == null || typed.length() > MAX_INPUT_LENGTH) {
			return Optional.empty();
		}
		String normalized = typed.toUpperCase(Locale.ROOT)
			.replaceAll("[\\s-]", "")
			.replace('O', '0')
			.replace('I', '1')
			.replace('L', '1');
		if (!VALID.matcher(normalized).matches()) {
			return Optional.empty();
		}
		return Optional
			.of(new ReceiptCode(normalized.substring(0, LOOKUP_LENGTH), normalized.substring(LOOKUP_LENGTH)));
	}

	/** The code as shown to the reporter, in groups of four. */
	public String display() {
		String all = this.lookup + this.secret;
		StringBuilder grouped = new StringBuilder();
		for (int i = 0; i < all.length(); i += GROUP) {
			if (i > 0) {
				grouped.append('-');
			}
			grouped.append(all, i, i + GROUP);
		}
		return grouped.toString();
	}

	@Override
	public String toString() {
		return "ReceiptCode[" + this.lookup + "-…]";
	}

	private static String randomChars(int count) {
		StringBuilder chars = new StringBuilder(count);
		for (int i = 0; i < count; i++) {
			chars.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
		}
		return chars.toString();
	}

}
