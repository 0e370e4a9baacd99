package org.recourse.notification.owners;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.recourse.notification.delivery.Attempt;
import org.recourse.notification.delivery.Audience;
import org.recourse.notification.delivery.Channel;
import org.recourse.notification.delivery.ConcurrentBatch;
import org.recourse.notification.delivery.DeliveryOutcomes;
import org.recourse.notification.delivery.FailureCategory;
import org.recourse.notification.delivery.Result;
import org.recourse.notification.staff.StaffDirectory;
import org.recourse.notification.staff.StaffMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the due staff notices, {@code recourse.staff-notices.concurrency} at a time
 * ({@link ConcurrentBatch}), each on its channels: e-mail (when a mail server is
 * configured; otherwise e-mails wait) and the recipient's webhook. A failed attempt is
 * tried again with backoff; a permanent failure, or too many attempts, dead-letters it
 * with the reason.
 */
@Component
class StaffDeliveries {

	private static final Logger logger = LoggerFactory.getLogger(StaffDeliveries.class);

	private static final int MAX_BATCHES = 20;

	private final StaffNotifications notifications;

	private final StaffDirectory directory;

	private final ObjectProvider<JavaMailSender> mail;

	private final StaffMail mails;

	private final WebhookPost webhooks;

	private final DeliveryOutcomes outcomes;

	private final LinkSettings links;

	private final Clock clock;

	private final ConcurrentBatch batch;

	StaffDeliveries(StaffNotifications notifications, StaffDirectory directory, ObjectProvider<JavaMailSender> mail,
			StaffMail mails, WebhookPost webhooks, DeliveryOutcomes outcomes, LinkSettings links, Clock clock,
			@Qualifier("staffNoticeBatch") ConcurrentBatch batch) {
		this.notifications = notifications;
		this.directory = directory;
		this.mail = mail;
		this.mails = mails;
		this.webhooks = webhooks;
		this.outcomes = outcomes;
		this.links = links;
		this.clock = clock;
		this.batch = batch;
	}

	@Scheduled(fixedDelayString = "${recourse.staff-notices.poll-interval:2s}")
	void sendDue() {
		JavaMailSender sender = this.mail.getIfAvailable();
		if (sender != null && !sendDue(Channel.EMAIL, (notification, member, view) -> sender
			.send(this.mails.notice(sender, member, view, notification.emailMessageId())))) {
			return;
		}
		sendDue(Channel.WEBHOOK, (notification, member, view) -> this.webhooks.post(member.webhookUrl(), view));
	}

	/**
	 * A full batch is followed by another at once, up to {@link #MAX_BATCHES}, as long as
	 * every server answered. An e-mail server that cannot be reached ends the tick at
	 * once (the next notices would each wait out the same timeouts, holding up the
	 * service's other scheduled work); a webhook that cannot be reached ends it after the
	 * batch (each recipient has their own); the service stopping ends it too. Each notice
	 * is claimed with the time it is taken, so that a slow batch never takes a claim that
	 * lapses sooner than claim-for.
	 * @return false once the service is stopping (no other channel should start)
	 */
	private boolean sendDue(Channel channel, Send send) {
		List<String> due;
		int batches = 0;
		boolean reachable = true;
		do {
			Instant now = this.clock.instant();
			due = this.notifications.due(channel, now);
			try {
				ConcurrentBatch.Outcome outcome = this.batch.deliver(due, channel == Channel.EMAIL, (id) -> {
					Instant at = this.clock.instant();
					Optional<StaffNotification> claimed = this.notifications.claim(channel, id, at);
					return claimed.isEmpty() || deliver(channel, claimed.get(), send, at);
				});
				if (outcome.stopped()) {
					// the service is stopping: what was not tried stays due (in
					// memory too, should it start again)
					this.notifications.putBack(channel, outcome.untried(), now);
					return false;
				}
				if (!outcome.reachable()) {
					reachable = false;
					if (channel == Channel.EMAIL) {
						this.notifications.putBack(channel, outcome.untried(), now);
						return true;
					}
				}
			}
			catch (RuntimeException ex) {
				// the store went away mid-batch, say: the next poll asks it what is due
				this.notifications.scanSoon(channel);
				throw ex;
			}
		}
		while (reachable && due.size() == StaffNotifications.BATCH && ++batches < MAX_BATCHES);
		return true;
	}

	/** Delivers one claimed notice; false when its server could not be reached. */
	private boolean deliver(Channel channel, StaffNotification notification, Send send, Instant now) {
		Notice notice = notification.notice();
		int attempt = notification.attempts(channel) + 1;
		Optional<StaffMember> member = this.directory.find(notice.recipient());
		if (member.isEmpty()) {
			failed(channel, notification, FailureCategory.UNKNOWN_RECIPIENT, attempt, now);
			return true;
		}
		try {
			send.to(notification, member.get(),
					NoticeWording.view(notice, member.get().zone(), this.links.triageBaseUrl()));
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			FailureCategory reason = FailureCategory.of(ex);
			failed(channel, notification, reason, attempt, now);
			return !reason.unreachable();
		}
		this.notifications.record(notification,
				Attempt.sent(notice.reportId(), notification.causeEventId(), channel, Audience.OWNER, attempt, false),
				now);
		this.outcomes.count(channel, Audience.OWNER, Result.SENT);
		logger.info("Sent the {} notice for case event {} by {}", notice.kind(), notification.causeEventId(),
				channel.tag());
		return true;
	}

	private void failed(Channel channel, StaffNotification notification, FailureCategory reason, int attempt,
			Instant now) {
		boolean giveUp = reason.permanent() || this.notifications.givesUp(channel, attempt);
		Attempt failed = Attempt.failed(notification.notice().reportId(), notification.causeEventId(), channel,
				Audience.OWNER, reason, attempt, false, giveUp);
		this.notifications.record(notification, failed, now);
		this.outcomes.count(channel, Audience.OWNER, failed.result());
		if (giveUp) {
			logger.error("Gave up the {} notice for case event {} by {} after {} attempts ({})",
					notification.notice().kind(), notification.causeEventId(), channel.tag(), attempt, reason);
		}
		else {
			logger.warn("The {} notice for case event {} by {} failed ({}), attempt {}", notification.notice().kind(),
					notification.causeEventId(), channel.tag(), reason, attempt);
		}
	}

	@FunctionalInterface
	private interface Send {

		void to(StaffNotification notification, StaffMember member, NoticeView view) throws Exception;

	}

}
