package org.recourse.notification.contact;

import java.security.GeneralSecurityException;
import java.time.Clock;

import org.recourse.events.deadletter.UnprocessableEventException;
import org.recourse.notification.mail.LateContacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * Opens a sealed contact and stores it re-encrypted. Keyed by reporter reference and
 * written with insert-if-absent, so a redelivered registration changes nothing.
 */
@Service
class StoringContact {

	private static final Logger logger = LoggerFactory.getLogger(StoringContact.class);

	private final ContactCrypto crypto;

	private final MongoTemplate mongo;

	private final Clock clock;

	private final ContactRetention retention;

	private final LateContacts lateContacts;

	StoringContact(ContactCrypto crypto, MongoTemplate mongo, ContactRetention retention, Clock clock,
			LateContacts lateContacts) {
		this.crypto = crypto;
		this.retention = retention;
		this.lateContacts = lateContacts;
		this.mongo = mongo;
		this.clock = clock;
	}

	void store(String reportId, String reporterRef, byte[] sealedContact) throws GeneralSecurityException {
		byte[] encrypted = this.crypto.encryptAtRest(unseal(sealedContact, reporterRef), reporterRef);
		Update insertOnly = new Update().setOnInsert("reportId", reportId)
			.setOnInsert("encryptedContact", encrypted)
			.setOnInsert("storedAt", this.clock.instant());
		boolean stored;
		try {
			stored = this.mongo.upsert(Query.query(Criteria.where("_id").is(reporterRef)), insertOnly, VaultEntry.class)
				.getUpsertedId() != null;
		}
		catch (DuplicateKeyException ex) {
			throw new UnprocessableEventException("ReporterContactRegistered for report " + reportId
					+ " names another reporterRef than the contact already stored for it");
		}
		// also on a redelivery: a crash may have come between the insert and this
		this.lateContacts.contactArrived(reportId);
		if (stored) {
			this.retention.contactStored(reportId);
			logger.info("Stored the contact for report {}", reportId);
		}
		else {
			logger.info("Contact for report {} was already stored; redelivery ignored", reportId);
		}
	}

	/**
	 * A contact sealed for another reporter, with another key or tampered with never
	 * opens, however often it is tried.
	 */
	private String unseal(byte[] sealedContact, String reporterRef) {
		try {
			return this.crypto.unseal(sealedContact, reporterRef);
		}
		catch (GeneralSecurityException ex) {
			throw new UnprocessableEventException(
					"ReporterContactRegistered.sealedContact does not open with this service's key for its reporterRef");
		}
	}

}
