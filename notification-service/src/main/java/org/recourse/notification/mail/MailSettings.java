package org.recourse.notification.mail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where reporter e-mails come from, where they point, and how patiently they are retried.
 * {@code scanInterval}: how often the poll also queries the store for due e-mails,
 * besides those this replica knows of (see
 * {@link org.recourse.notification.delivery.DueWork}); {@code concurrency}: how many
 * e-mails are in flight at once.
 */
@ConfigurationProperties("recourse.mail")
record MailSettings(@DefaultValue("Recourse <no-reply@recourse.example>") String from,
		@DefaultValue("http://localhost:8080/status") String statusPageUrl, @DefaultValue("2s") Duration pollInterval,
		@DefaultValue("5s") Duration initialBackoff, @DefaultValue("30m") Duration maxBackoff,
		@DefaultValue("30") int maxAttempts, @DefaultValue("2m") Duration claimFor,
		@DefaultValue("30s") Duration scanInterval, @DefaultValue("4") int concurrency) {
}
