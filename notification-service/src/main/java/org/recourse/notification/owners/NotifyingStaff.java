package org.recourse.notification.owners;

import java.time.Clock;
import java.time.Instant;

import org.recourse.notification.staff.StaffDirectory;
import org.recourse.notification.staff.StaffMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Decides who on the staff hears about a case event and records one notice for it, keyed
 * by the event's id: a redelivered event fails the insert and sends nothing twice. The
 * notice waits there for {@link StaffDeliveries} (or the {@link ReminderDigest} for
 * reminders to staff who chose a digest).
 */
@Service
class NotifyingStaff {

	private static final Logger logger = LoggerFactory.getLogger(NotifyingStaff.class);

	private final StaffCases cases;

	private final StaffDirectory directory;

	private final StaffNotifications notifications;

	private final StaffNoticeSettings settings;

	private final Clock clock;

	NotifyingStaff(StaffCases cases, StaffDirectory directory, StaffNotifications notifications,
			StaffNoticeSettings settings, Clock clock) {
		this.cases = cases;
		this.directory = directory;
		this.notifications = notifications;
		this.settings = settings;
		this.clock = clock;
	}

	void caseOpened(StaffMessages.Opened opened) {
		CaseFacts facts = opened.facts();
		this.cases.opened(facts);
		record(opened.cause(),
				notice(NoticeKind.ASSIGNED, facts.accountable(), facts, facts.acknowledgeBy(), "FIRST_RESPONSE", null));
	}

	void caseReassigned(StaffMessages.Reassigned reassigned) {
		CaseFacts facts = this.cases.reassigned(reassigned.caseId(), reassigned.toOwnerId())
			.orElseThrow(() -> new UnknownCaseException(reassigned.caseId()));
		record(reassigned.cause(),
				notice(NoticeKind.REASSIGNED, reassigned.toOwnerId(), facts, facts.nextDue(), clockOf(facts), null));
	}

	void caseAcknowledged(String caseId) {
		this.cases.acknowledged(caseId);
	}

	void reporterAnswered(StaffMessages.Answered answered) {
		CaseFacts facts = this.cases.clocksMoved(answered.caseId(), answered.acknowledgeBy(), answered.resolveBy())
			.orElseThrow(() -> new UnknownCaseException(answered.caseId()));
		record(answered.cause(),
				notice(NoticeKind.ANSWERED, facts.accountable(), facts, facts.nextDue(), clockOf(facts), null));
	}

	void deadlineNear(StaffMessages.Warned warned) {
		CaseFacts facts = this.cases.find(warned.caseId()).orElseThrow(() -> new UnknownCaseException(warned.caseId()));
		record(warned.cause(),
				notice(NoticeKind.REMINDER, facts.accountable(), facts, warned.dueAt(), warned.clock(), null));
	}

	/** Reaches the level's recipient even when the case's facts were never seen. */
	void caseEscalated(StaffMessages.Escalated escalated) {
		CaseFacts facts = this.cases.find(escalated.caseId())
			.orElse(new CaseFacts(escalated.caseId(), escalated.reportId(), null, null, null, false, null, null));
		record(escalated.cause(), notice(NoticeKind.ESCALATED, escalated.escalatedTo(), facts, escalated.dueAt(),
				escalated.clock(), escalated.level()));
	}

	private static Notice notice(NoticeKind kind, String recipient, CaseFacts facts, Instant dueAt, String clock,
			Integer level) {
		return new Notice(kind, recipient, facts.reportId(), facts.caseId(), facts.aiSystemId(), facts.severity(),
				dueAt, clock, level);
	}

	private static String clockOf(CaseFacts facts) {
		return facts.acknowledged() ? "RESOLUTION" : "FIRST_RESPONSE";
	}

	private void record(StaffMessages.Cause cause, Notice notice) {
		Instant now = this.clock.instant();
		if (cause.occurredAt().isBefore(now.minus(this.settings.ignoreOlderThan()))) {
			logger.info("Case event {} is older than {}; staff are not told about it", cause.eventId(),
					this.settings.ignoreOlderThan());
			return;
		}
		StaffMember member = this.directory.find(notice.recipient()).orElse(null);
		boolean digest = member != null && member.digest() && notice.kind() == NoticeKind.REMINDER;
		boolean webhook = member != null && member.hasWebhook() && !digest;
		try {
			this.notifications.insert(new StaffNotification(cause.eventId(), notice, now, digest, webhook));
		}
		catch (DuplicateKeyException ex) {
			logger.info("Case event {} was already noted for staff; redelivery ignored", cause.eventId());
		}
	}

	/** A case event about a case whose opening was never seen. */
	static class UnknownCaseException extends IllegalStateException {

		UnknownCaseException(String caseId) {
			super("No case " + caseId + " is known to notification-service");
		}

	}

}
