package org.recourse.notification.contact;

import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;

/**
 * Prints fresh keysets as {@code .env} lines: the contact-seal key pair (private half for
 * this service, public half for intake) and a vault keyset. To rotate the vault key, add
 * a new key to the existing keyset with Tinkey and make it primary: entries written under
 * older keys stay readable.
 */
public final class KeysetTool {

	private KeysetTool() {
	}

	public static void main(String[] args) throws GeneralSecurityException {
		HybridConfig.register();
		AeadConfig.register();
		KeysetHandle seal = KeysetHandle.generateNew(PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
		KeysetHandle vault = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
		print("RECOURSE_CONTACTSEAL_PUBLICKEYSET",
				TinkJsonProtoKeysetFormat.serializeKeysetWithoutSecret(seal.getPublicKeysetHandle()));
		print("RECOURSE_CONTACTSEAL_PRIVATEKEYSET",
				TinkJsonProtoKeysetFormat.serializeKeyset(seal, InsecureSecretKeyAccess.get()));
		print("RECOURSE_VAULT_KEYSET", TinkJsonProtoKeysetFormat.serializeKeyset(vault, InsecureSecretKeyAccess.get()));
	}

	private static void print(String variable, String keyset) {
		System.out.println(variable + "='" + keyset.strip() + "'");
	}

}
