package org.recourse.notification.contact;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.UUID;

import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.hybrid.HybridConfig;
import org.recourse.events.ReporterContactRegistered;

/**
 * Contacts sealed the way intake seals them: Tink hybrid encryption with the reporter
 * reference as context info.
 */
public final class ContactMother {

	/**
	 * The public half of the local demo key pair, as in intake-service's
	 * {@code recourse.contact-seal.public-keyset}; its private half is this service's
	 * default {@code recourse.contact-seal.private-keyset}.
	 */
	static final String DEMO_PUBLIC_KEYSET = "{\"primaryKeyId\":3660123103,\"key\":[{\"keyData\":{\"typeUrl\":"
			+ "\"type.googleapis.com/google.crypto.tink.HpkePublicKey\",\"value\":"
			+ "\"EgYIARABGAEaIHwkyhpLe8Y0pefOuFcbYRWtIERXjn8j9ZWwRcrHWCFM\",\"keyMaterialType\":\"ASYMMETRIC_PUBLIC\"},"
			+ "\"status\":\"ENABLED\",\"keyId\":3660123103,\"outputPrefixType\":\"TINK\"}]}";

	private ContactMother() {
	}

	public static String email() {
		return "reporter-" + UUID.randomUUID() + "@example.org";
	}

	static String reporterRef() {
		return "ref-" + UUID.randomUUID();
	}

	public static byte[] seal(String contact, String reporterRef) throws GeneralSecurityException {
		HybridConfig.register();
		return seal(TinkJsonProtoKeysetFormat.parseKeysetWithoutSecret(DEMO_PUBLIC_KEYSET), contact, reporterRef);
	}

	static byte[] seal(KeysetHandle publicKeyset, String contact, String reporterRef) throws GeneralSecurityException {
		return publicKeyset.getPrimitive(RegistryConfiguration.get(), HybridEncrypt.class)
			.encrypt(contact.getBytes(StandardCharsets.UTF_8), reporterRef.getBytes(StandardCharsets.UTF_8));
	}

	static ReporterContactRegistered registered(String reporterRef, byte[] sealedContact) {
		return ReporterContactRegistered.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.parse("2026-06-09T09:00:00Z"))
			.setReportId(UUID.randomUUID())
			.setReporterRef(reporterRef)
			.setSealedContact(ByteBuffer.wrap(sealedContact))
			.build();
	}

	static String key(ReporterContactRegistered event) {
		return event.getReportId().toString();
	}

}
