package org.recourse.intake.receipt;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Hashes and checks receipt secrets with salted bcrypt (Spring Security's
 * {@link BCryptPasswordEncoder}). A check against an unknown look-up still runs one full
 * bcrypt comparison against a dummy hash of the same cost, so a wrong code and a missing
 * report cost the same time.
 * <p>
 * <b>Why the cost is 4 by default</b> ({@code recourse.receipt.bcrypt-strength}, 4 to
 * 31): bcrypt's work factor makes each guess at a <i>stolen</i> hash expensive, which is
 * what protects low-entropy secrets such as passwords. A receipt secret is 80 uniformly
 * random bits ({@link ReceiptCode}), so guessing one from its hash is infeasible at any
 * cost (2<sup>79</sup> tries on average, which at a billion tries a second is some 19
 * million years), and OWASP's guidance is that such high-entropy tokens need no work
 * factor. The salt still makes each hash unique. A cost of 10, on the other hand, buys no
 * protection but spends about 70 ms of CPU on every submission and every status look-up
 * (look-ups run one comparison even for unknown codes), which caps intake at some 25
 * submissions a second on two cores and makes it cheap to exhaust with a flood of
 * requests; at 4 a hash costs about 1 ms. A deployment that wants more can raise it.
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
	record Settings(@DefaultValue("4") int bcryptStrength) {
	}

}
