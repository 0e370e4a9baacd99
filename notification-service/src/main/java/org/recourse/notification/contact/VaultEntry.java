package org.recourse.notification.contact;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A reporter's contact, encrypted at rest, keyed by their opaque reference. One per
 * report: the report id's index is unique, which also lets the embedded store serve the
 * look-up of every reporter e-mail from it (it ignores non-unique indexes and would read
 * the whole vault each time).
 */
@Document("contact_vault")
record VaultEntry(@Id String reporterRef, @Indexed(unique = true) String reportId, byte[] encryptedContact,
		Instant storedAt, @Indexed Instant purgeAfter) {

	@Override
	public String toString() {
		return "VaultEntry[" + this.reporterRef + "]";
	}

}
