package org.recourse.notification.owners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.recourse.events.outbox.OutboxEvent;
import org.recourse.notification.delivery.Channel;
import org.recourse.notification.delivery.MessageIds;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The processed-event record of one case event for staff, and the delivery state of its
 * message on each channel. Its id is the cause event's id, so inserting it is the
 * idempotency check; the outbox carries the delivery outcomes out.
 */
@Document("staff_notifications")
// the claim's guard (_id + claim count): a unique index the embedded store can use
@CompoundIndex(name = "id_claims", def = "{'_id': 1, 'claims': 1}", unique = true)
// the outbox relay's sweep: pending documents, oldest first (the index gives the
// filter and the order)
@CompoundIndex(name = "outbox_sweep", def = "{'outboxPending': 1, 'createdAt': 1}")
// the polls' periodic question per channel: which notices are due, earliest first
// (e-mails waiting for the digest apart; the digest reads theirs through the same prefix)
@CompoundIndex(name = "email_due", def = "{'emailPending': 1, 'emailDigest': 1, 'emailDueAt': 1}")
@CompoundIndex(name = "webhook_due", def = "{'webhookPending': 1, 'webhookDueAt': 1}")
class StaffNotification {

	@Id
	private String causeEventId;

	private Notice notice;

	private Instant createdAt;

	private boolean emailPending;

	private boolean emailDigest;

	private Instant emailDueAt;

	private int emailAttempts;

	private Instant emailClaimedUntil;

	private boolean webhookPending;

	private Instant webhookDueAt;

	private int webhookAttempts;

	private Instant webhookClaimedUntil;

	private List<OutboxEvent> outbox = new ArrayList<>();

	private boolean outboxPending;

	/** The notice e-mail's Message-ID, the same on every attempt. */
	private String emailMessageId;

	protected StaffNotification() {
	}

	StaffNotification(String causeEventId, Notice notice, Instant createdAt, boolean digest, boolean webhook) {
		this.causeEventId = causeEventId;
		this.notice = notice;
		this.createdAt = createdAt;
		this.emailPending = true;
		this.emailDigest = digest;
		this.emailDueAt = createdAt;
		this.webhookPending = webhook;
		this.webhookDueAt = webhook ? createdAt : null;
		this.emailMessageId = MessageIds.newId();
	}

	String emailMessageId() {
		return this.emailMessageId;
	}

	static String field(Channel channel, String state) {
		return channel.tag() + state;
	}

	String causeEventId() {
		return this.causeEventId;
	}

	Notice notice() {
		return this.notice;
	}

	/**
	 * Whether the notice waits on {@code channel} (an e-mail for the digest does not).
	 */
	boolean dueOn(Channel channel) {
		return (channel == Channel.EMAIL) ? this.emailPending && !this.emailDigest : this.webhookPending;
	}

	Instant createdAt() {
		return this.createdAt;
	}

	int attempts(Channel channel) {
		return (channel == Channel.EMAIL) ? this.emailAttempts : this.webhookAttempts;
	}

}
