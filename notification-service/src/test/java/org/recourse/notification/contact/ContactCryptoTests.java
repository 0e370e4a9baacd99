package org.recourse.notification.contact;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.hybrid.HybridConfig;
import com.google.crypto.tink.hybrid.PredefinedHybridParameters;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.recourse.notification.contact.ContactCrypto.Keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Vault key rotation as the operations guide describes it: add a key to the keyset and
 * make it primary. Tink prefixes each ciphertext with the id of the key that wrote it
 * (one version byte, then four bytes of key id), which is how old entries stay readable.
 */
class ContactCryptoTests {

	private static final String EMAIL = "reporter@example.org";

	private static final String REF = "ref-1";

	private static KeysetHandle seal;

	private static KeysetHandle vault;

	@BeforeAll
	static void generateKeys() throws GeneralSecurityException {
		AeadConfig.register();
		HybridConfig.register();
		seal = KeysetHandle.generateNew(PredefinedHybridParameters.HPKE_X25519_HKDF_SHA256_AES_128_GCM);
		vault = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
	}

	@Test
	void readsEntriesWrittenBeforeTheVaultKeyRotated() throws GeneralSecurityException {
		byte[] stored = crypto(vault).encryptAtRest(EMAIL, REF);

		assertThat(crypto(rotated(vault)).decryptAtRest(stored, REF)).isEqualTo(EMAIL);
	}

	@Test
	void writesNewEntriesUnderTheNewPrimaryKey() throws GeneralSecurityException {
		KeysetHandle rotated = rotated(vault);
		byte[] before = crypto(vault).encryptAtRest(EMAIL, REF);
		byte[] after = crypto(rotated).encryptAtRest(EMAIL, REF);

		assertThat(rotated.getPrimary().getId()).isNotEqualTo(vault.getPrimary().getId());
		assertThat(keyIdOf(before)).isEqualTo(vault.getPrimary().getId());
		assertThat(keyIdOf(after)).isEqualTo(rotated.getPrimary().getId());
		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> crypto(vault).decryptAtRest(after, REF));
	}

	@Test
	void refusesAnEntryMovedToAnotherReporter() throws GeneralSecurityException {
		byte[] stored = crypto(vault).encryptAtRest(EMAIL, REF);

		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> crypto(vault).decryptAtRest(stored, "ref-2"));
	}

	@Test
	void opensAContactOnlyForTheReporterItWasSealedFor() throws GeneralSecurityException {
		byte[] sealed = ContactMother.seal(seal.getPublicKeysetHandle(), EMAIL, REF);

		assertThat(crypto(vault).unseal(sealed, REF)).isEqualTo(EMAIL);
		assertThatExceptionOfType(GeneralSecurityException.class)
			.isThrownBy(() -> crypto(vault).unseal(sealed, "ref-2"));
	}

	@Test
	void refusesToStartWithoutAVaultKeyset() {
		assertThatIllegalStateException()
			.isThrownBy(() -> new ContactCrypto(new Keys(new Keys.ContactSeal(json(seal)), null)))
			.withMessageContaining("recourse.vault.keyset");
	}

	private static KeysetHandle rotated(KeysetHandle keyset) throws GeneralSecurityException {
		return KeysetHandle.newBuilder(keyset)
			.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
				.withRandomId()
				.makePrimary())
			.build();
	}

	private static ContactCrypto crypto(KeysetHandle vaultKeyset) throws GeneralSecurityException {
		return new ContactCrypto(new Keys(new Keys.ContactSeal(json(seal)), new Keys.Vault(json(vaultKeyset))));
	}

	private static String json(KeysetHandle keyset) throws GeneralSecurityException {
		return TinkJsonProtoKeysetFormat.serializeKeyset(keyset, InsecureSecretKeyAccess.get());
	}

	private static int keyIdOf(byte[] ciphertext) {
		return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
	}

}
