package org.recourse.notification.contact;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.hybrid.HybridConfig;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * Opens contacts sealed by intake and encrypts them at rest. Both operations bind the
 * reporter reference as associated data, so a ciphertext moved to another reporter's
 * entry does not decrypt.
 */
@Component
class ContactCrypto {

	private final HybridDecrypt unseal;

	private final Aead vault;

	ContactCrypto(Keys keys) throws GeneralSecurityException {
		HybridConfig.register();
		AeadConfig.register();
		this.unseal = TinkJsonProtoKeysetFormat
			.parseKeyset(required(keys.sealPrivateKeyset(), "recourse.contact-seal.private-keyset"),
					InsecureSecretKeyAccess.get())
			.getPrimitive(RegistryConfiguration.get(), HybridDecrypt.class);
		this.vault = TinkJsonProtoKeysetFormat
			.parseKeyset(required(keys.vaultKeyset(), "recourse.vault.keyset"), InsecureSecretKeyAccess.get())
			.getPrimitive(RegistryConfiguration.get(), Aead.class);
	}

	String unseal(byte[] sealed, String reporterRef) throws GeneralSecurityException {
		return new String(this.unseal.decrypt(sealed, bytes(reporterRef)), StandardCharsets.UTF_8);
	}

	byte[] encryptAtRest(String contact, String reporterRef) throws GeneralSecurityException {
		return this.vault.encrypt(bytes(contact), bytes(reporterRef));
	}

	String decryptAtRest(byte[] stored, String reporterRef) throws GeneralSecurityException {
		return new String(this.vault.decrypt(stored, bytes(reporterRef)), StandardCharsets.UTF_8);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static String required(String keyset, String property) {
		if (keyset == null || keyset.isBlank()) {
			throw new IllegalStateException(property + " is not set");
		}
		return keyset;
	}

	@ConfigurationProperties("recourse")
	record Keys(ContactSeal contactSeal, Vault vault) {

		String sealPrivateKeyset() {
			return (this.contactSeal != null) ? this.contactSeal.privateKeyset() : null;
		}

		String vaultKeyset() {
			return (this.vault != null) ? this.vault.keyset() : null;
		}

		record ContactSeal(String privateKeyset) {
		}

		record Vault(String keyset) {
		}

	}

}
