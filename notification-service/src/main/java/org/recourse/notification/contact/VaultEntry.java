package org.recourse.notification.contact;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/** A reporter's contact, encrypted at rest, keyed by their opaque reference. */
@Document("contact_vault")
record VaultEntry(@Id String reporterRef, @Indexed String reportId, byte[] encryptedContact, Instant storedAt,
		@Indexed Instant purgeAfter) {

	@Override
	public String toString() {
		return "VaultEntry[" + this.reporterRef + "]";
	}

}
