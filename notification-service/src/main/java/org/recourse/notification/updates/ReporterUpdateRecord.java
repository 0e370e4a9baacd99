package org.recourse.notification.updates;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.recourse.events.outbox.OutboxEvent;
import org.recourse.notification.delivery.MessageIds;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The processed-event record of one case event and the update it produced. Its id is the
 * cause event's id, so the insert is the idempotency check.
 */
@Document("reporter_updates")
// the mail claim's guard (_id + claim count): a unique index the embedded store can use
@CompoundIndex(name = "id_mail_claims", def = "{'_id': 1, 'mailClaims': 1}", unique = true)
// the outbox relay's sweep: pending documents, oldest first (the index gives the
// filter and the order)
@CompoundIndex(name = "outbox_sweep", def = "{'outboxPending': 1, 'createdAt': 1}")
// the mailer's periodic question: which e-mails are due, earliest first
@CompoundIndex(name = "mail_due", def = "{'mailPending': 1, 'mailDueAt': 1}")
class ReporterUpdateRecord {

	@Id
	private String causeEventId;

	private String reportId;

	private String type;

	private String message;

	private Instant createdAt;

	private List<OutboxEvent> outbox = new ArrayList<>();

	private boolean outboxPending;

	/**
	 * Whether the reporter may still need an e-mail saying there is news (see the mail
	 * feature).
	 */
	private boolean mailPending = true;

	private Instant mailDueAt;

	/** The news e-mail's Message-ID, the same on every attempt. */
	private String mailMessageId;

	protected ReporterUpdateRecord() {
	}

	ReporterUpdateRecord(String causeEventId, String reportId, String type, String message, Instant createdAt) {
		this.causeEventId = causeEventId;
		this.reportId = reportId;
		this.type = type;
		this.message = message;
		this.createdAt = createdAt;
		this.mailDueAt = createdAt;
		this.mailMessageId = MessageIds.newId();
	}

	void queue(OutboxEvent event) {
		this.outbox.add(event);
		this.outboxPending = true;
	}

	List<OutboxEvent> getOutbox() {
		return this.outbox;
	}

	String getCauseEventId() {
		return this.causeEventId;
	}

	String getReportId() {
		return this.reportId;
	}

	String getType() {
		return this.type;
	}

	String getMessage() {
		return this.message;
	}

	Instant getCreatedAt() {
		return this.createdAt;
	}

}
