package org.recourse.intake.receipt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks receipt secrets with salted bcrypt. A check against an unknown
 * look-up still runs one full bcrypt comparison against a dummy hash, so a wrong code and
 * a missing report cost the same time.
 */
@Component
public class ReceiptHasher {

	private final BCryptPasswordEncoder encoder;

	private final String dummyHash;

	ReceiptHasher(Settings settings) {
		this.encoder = new BCryptPasswordEncoder(settings.bcryptStrength());
		this.dummyHash = this.encoder.encode(ReceiptCode.generate().secret());
	}

	public String hash(ReceiptCode code) {
		return this.encoder.encode(code.secret());
	}

	/**
	 * True when the code's secret matches the stored hash; a null hash (no such report)
	 * is always false.
	 */
	public boolean matches(ReceiptCode code, String storedHash) {
		boolean matches = this.encoder.matches(code.secret(), (storedHash != null) ? storedHash : this.dummyHash);
		return storedHash != null && matches;
	}

	@ConfigurationProperties("recourse.receipt")
	record Settings(@DefaultValue("10") int bcryptStrength) {
	}

}
