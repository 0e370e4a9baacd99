package org.recourse.notification.owners;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code recourse.staff-notices.*}: where staff e-mails come from, how patiently they and
 * webhook posts are retried (a chat message hours late is worth less than an e-mail, so
 * webhooks give up sooner), how often reminder digests go out, and how old a case event
 * may be and still be worth telling (a new consumer group reading the topic from the
 * start must not mail everyone about last year's cases), and how many notices are in
 * flight at once.
 */
@ConfigurationProperties("recourse.staff-notices")
record StaffNoticeSettings(@DefaultValue("Recourse <no-reply@recourse.example>") String from,
		@DefaultValue("2s") Duration pollInterval, @DefaultValue("5s") Duration initialBackoff,
		@DefaultValue("30m") Duration maxBackoff, @DefaultValue("30") int maxAttempts,
		@DefaultValue("10") int webhookMaxAttempts, @DefaultValue("2m") Duration claimFor,
		@DefaultValue("10s") Duration webhookTimeout, @DefaultValue("3d") Duration ignoreOlderThan,
		@DefaultValue("30s") Duration scanInterval, @DefaultValue("4") int concurrency) {
}
