package org.recourse.notification.owners;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.recourse.notification.delivery.Attempt;
import org.recourse.notification.delivery.Audience;
import org.recourse.notification.delivery.Channel;
import org.recourse.notification.delivery.DeliveryOutcomes;
import org.recourse.notification.delivery.FailureCategory;
import org.recourse.notification.delivery.Result;
import org.recourse.notification.staff.StaffDirectory;
import org.recourse.notification.staff.StaffMember;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code recourse.staff-notices.digest-interval}, one e-mail per member of staff
 * who chose a digest, listing the SLA reminders gathered since the last one. One replica
 * at a time (ShedLock); a failed digest leaves its reminders for the next run (given up
 * after as many attempts as single notices).
 */
@Component
class ReminderDigest {

	private static final Logger logger = LoggerFactory.getLogger(ReminderDigest.class);

	private final StaffNotifications notifications;

	private final StaffDirectory directory;

	private final ObjectProvider<JavaMailSender> mail;

	private final StaffMail mails;

	private final DeliveryOutcomes outcomes;

	private final LinkSettings links;

	private final Clock clock;

	ReminderDigest(StaffNotifications notifications, StaffDirectory directory, ObjectProvider<JavaMailSender> mail,
			StaffMail mails, DeliveryOutcomes outcomes, LinkSettings links, Clock clock) {
		this.notifications = notifications;
		this.directory = directory;
		this.mail = mail;
		this.mails = mails;
		this.outcomes = outcomes;
		this.links = links;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${recourse.staff-notices.digest-interval:1h}",
			initialDelayString = "${recourse.staff-notices.digest-interval:1h}")
	@SchedulerLock(name = "staff-reminder-digest", lockAtMostFor = "PT10M")
	public void sendDigests() {
		JavaMailSender sender = this.mail.getIfAvailable();
		if (sender == null) {
			return;
		}
		Instant now = this.clock.instant();
		for (String recipient : this.notifications.digestRecipients()) {
			send(sender, recipient, this.notifications.digestReminders(recipient), now);
		}
	}

	private void send(JavaMailSender sender, String recipient, List<StaffNotification> reminders, Instant now) {
		if (reminders.isEmpty()) {
			return;
		}
		Optional<StaffMember> member = this.directory.find(recipient);
		int attempt = reminders.stream().mapToInt((reminder) -> reminder.attempts(Channel.EMAIL)).max().orElse(0) + 1;
		FailureCategory failure = null;
		if (member.isEmpty()) {
			failure = FailureCategory.UNKNOWN_RECIPIENT;
		}
		else {
			try {
				sender.send(this.mails.digest(sender, member.get(),
						reminders.stream()
							.map((reminder) -> NoticeWording.view(reminder.notice(), member.get().zone(),
									this.links.triageBaseUrl()))
							.toList()));
			}
			catch (Exception ex) {
				failure = FailureCategory.of(ex);
			}
		}
		Result result = (failure == null) ? Result.SENT
				: (failure.permanent() || this.notifications.givesUp(Channel.EMAIL, attempt)) ? Result.DEAD_LETTERED
						: Result.FAILED;
		for (StaffNotification reminder : reminders) {
			this.notifications.record(reminder, new Attempt(reminder.notice().reportId(), reminder.causeEventId(),
					Channel.EMAIL, Audience.OWNER, result, (failure != null) ? failure.name() : null, attempt, true),
					now);
		}
		this.outcomes.count(Channel.EMAIL, Audience.OWNER, result);
		logger.info("Reminder digest with {} reminders: {}{}", reminders.size(), result,
				(failure != null) ? " (" + failure + ")" : "");
	}

}
