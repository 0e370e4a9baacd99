package org.recourse.notification.contact;

import java.security.GeneralSecurityException;
import java.util.Optional;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The only way to read a reporter's contact, and only to write to them. Returns empty
 * when the reporter left none (or it was purged).
 */
@Service
public class ContactVault {

	private final MongoTemplate mongo;

	private final ContactCrypto crypto;

	ContactVault(MongoTemplate mongo, ContactCrypto crypto) {
		this.mongo = mongo;
		this.crypto = crypto;
	}

	public Optional<String> contactForReport(String reportId) {
		VaultEntry entry = this.mongo.findOne(Query.query(Criteria.where("reportId").is(reportId)), VaultEntry.class);
		if (entry == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(this.crypto.decryptAtRest(entry.encryptedContact(), entry.reporterRef()));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("The contact for report " + reportId + " does not decrypt", ex);
		}
	}

}
