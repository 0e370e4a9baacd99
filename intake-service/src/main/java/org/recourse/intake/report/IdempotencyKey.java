package org.recourse.intake.report;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A client's {@code Idempotency-Key}. The store keeps only a hash of it to find the first
 * submission, and the first receipt code sealed under a key derived from it: only a
 * client that presents the same key again can get the code back, and the code itself is
 * never stored in a readable form.
 */
final class IdempotencyKey {

	private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{8,128}");

	private static final int NONCE_LENGTH = 12;

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String key;

	private IdempotencyKey(String key) {
		this.key = key;
	}

	/** Accepts 8 to 128 visible ASCII characters; a UUID is the usual choice. */
	static IdempotencyKey of(String header) {
		if (header == null || !VALID.matcher(header).matches()) {
			throw new InvalidIdempotencyKeyException();
		}
		return new IdempotencyKey(header);
	}

	String lookup() {
		return HexFormat.of().formatHex(sha256("recourse:idempotency:lookup:" + this.key));
	}

	/**
	 * A fingerprint of the request, keyed by this idempotency key (HMAC): without the key
	 * it cannot be matched against guessed contents, such as a directory of e-mail
	 * addresses.
	 */
	String fingerprint(ReportForm form) {
		return HexFormat.of()
			.formatHex(hmac(String.join("\u0000", Objects.toString(form.aiSystemId()),
					Objects.toString(form.aiSystemName()), Objects.toString(form.kind()),
					Objects.toString(form.harmKind()), Objects.toString(form.severity()),
					Objects.toString(form.aiOutput()), Objects.toString(form.whatIsWrong()),
					Objects.toString(form.expected()), Objects.toString(form.happenedOn()),
					Objects.toString(form.evidenceUrl()), Objects.toString(form.email()))));
	}

	byte[] seal(String receiptCode) {
		byte[] nonce = new byte[NONCE_LENGTH];
		RANDOM.nextBytes(nonce);
		byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, receiptCode.getBytes(StandardCharsets.UTF_8));
		return ByteBuffer.allocate(NONCE_LENGTH + sealed.length).put(nonce).put(sealed).array();
	}

	String open(byte[] sealed) {
		byte[] nonce = Arrays.copyOf(sealed, NONCE_LENGTH);
		byte[] body = Arrays.copyOfRange(sealed, NONCE_LENGTH, sealed.length);
		return new String(crypt(Cipher.DECRYPT_MODE, nonce, body), StandardCharsets.UTF_8);
	}

	private byte[] crypt(int mode, byte[] nonce, byte[] input) {
		try {
			Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
			cipher.init(mode, new SecretKeySpec(sha256("recourse:idempotency:seal:" + this.key), "AES"),
					new GCMParameterSpec(128, nonce));
			return cipher.doFinal(input);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal the receipt for an idempotent retry", ex);
		}
	}

	private byte[] hmac(String text) {
		try {
			javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(sha256("recourse:idempotency:fingerprint:" + this.key), "HmacSHA256"));
			return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public String toString() {
		return "IdempotencyKey[…]";
	}

	/** The header is present but not a usable key. */
	static class InvalidIdempotencyKeyException extends RuntimeException {

		InvalidIdempotencyKeyException() {
			super("Idempotency-Key must be 8 to 128 visible ASCII characters, for example a UUID");
		}

	}

}
