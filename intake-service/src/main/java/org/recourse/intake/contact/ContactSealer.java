package org.recourse.intake.contact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Tink hybrid encryption (HPKE) under notification-service's public keyset. The reporter
 * reference is bound as context info, so a sealed contact cannot be replayed under
 * another reporter's reference.
 */
@Component
public class ContactSealer {

	private final HybridEncrypt encrypt;

	ContactSealer(Settings settings) throws GeneralSecurityException {
		HybridConfig.register();
		if (settings.publicKeyset() == null || settings.publicKeyset().isBlank()) {
			throw new IllegalStateException("recourse.contact-seal.public-keyset is not set");
		}
		this.encrypt = TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(settings.publicKeyset())
			.getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class);
	}

	public byte[] seal(String contact, String reporterRef) {
		try {
			return this.encrypt.encrypt(contact.getBytes(StandardCharsets.UTF_8),
					reporterRef.getBytes(StandardCharsets.UTF_8));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot seal a contact", ex);
		}
	}

	@ConfigurationProperties("recourse.contact-seal")
	record Settings(String publicKeyset) {
	}

}
