package org.recourse.notification.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.recourse.notification.contact.ContactVault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.ITemplateEngine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends the pending reporter e-mails. Each update is claimed for a short time before
 * sending (a conditional write), so two replicas never send the same one; success clears
 * the pending flag, failure schedules the next attempt with exponential backoff. Without
 * a configured mail server it sends nothing and keeps everything pending.
 */
@Component
class ReporterMailer {

	static final String COLLECTION = "reporter_updates";

	static final String DEAD_LETTERS = "recourse.notifications.DLT";

	private static final Logger logger = LoggerFactory.getLogger(ReporterMailer.class);

	private final MongoTemplate mongo;

	private final ContactVault vault;

	private final ObjectProvider<JavaMailSender> sender;

	private final ITemplateEngine html;

	private final ITemplateEngine text;

	private final KafkaTemplate<Object, Object> kafka;

	private final MailSettings settings;

	private final MeterRegistry meters;

	private final Clock clock;

	ReporterMailer(MongoTemplate mongo, ContactVault vault, ObjectProvider<JavaMailSender> sender,
			ITemplateEngine templateEngine, @Qualifier("mailTextTemplates") ITemplateEngine text,
			KafkaTemplate<Object, Object> kafka, MailSettings settings, MeterRegistry meters, Clock clock) {
		this.mongo = mongo;
		this.vault = vault;
		this.sender = sender;
		this.html = templateEngine;
		this.text = text;
		this.kafka = kafka;
		this.settings = settings;
		this.meters = meters;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${recourse.mail.poll-interval:2s}")
	void sendDue() {
		JavaMailSender mail = this.sender.getIfAvailable();
		if (mail == null) {
			return;
		}
		Instant now = this.clock.instant();
		Query due = Query.query(Criteria.where("mailPending").is(true).and("mailDueAt").lte(now))
			.with(Sort.by("mailDueAt"))
			.limit(50);
		due.fields().include("_id");
		List<Document> batch = this.mongo.find(due, Document.class, COLLECTION);
		batch.forEach((update) -> claim(update.getString("_id"), now).ifPresent((claimed) -> send(mail, claimed, now)));
	}

	private Optional<Document> claim(String id, Instant now) {
		Query free = Query.query(Criteria.where("_id")
			.is(id)
			.and("mailPending")
			.is(true)
			.orOperator(Criteria.where("mailClaimedUntil").exists(false), Criteria.where("mailClaimedUntil").lt(now)));
		Update claim = new Update().set("mailClaimedUntil", now.plus(this.settings.claimFor()));
		return Optional.ofNullable(this.mongo.findAndModify(free, claim, FindAndModifyOptions.options().returnNew(true),
				Document.class, COLLECTION));
	}

	private void send(JavaMailSender mail, Document update, Instant now) {
		String id = update.getString("_id");
		String reportId = update.getString("reportId");
		Optional<String> contact;
		try {
			contact = this.vault.contactForReport(reportId);
		}
		catch (IllegalStateException ex) {
			giveUp(id, reportId, 0, "UndecryptableContact", now);
			return;
		}
		if (contact.isEmpty()) {
			finish(id, "NO_CONTACT", now);
			return;
		}
		try {
			mail.send(ReporterNewsMail.compose(mail, this.html, this.text, contact.get(), this.settings));
			finish(id, "SENT", now);
			this.meters.counter("recourse.notifications", "channel", "email", "outcome", "sent").increment();
			logger.info("Sent the news e-mail for update {} of report {}", id, reportId);
		}
		catch (Exception ex) {
			retryLater(id, reportId, update.getInteger("mailAttempts", 0) + 1, ex, now);
		}
	}

	private void retryLater(String id, String reportId, int attempts, Exception failure, Instant now) {
		String reason = failure.getClass().getSimpleName();
		if (attempts >= this.settings.maxAttempts()) {
			finish(id, "FAILED", now);
			this.kafka
				.send(DEAD_LETTERS, reportId,
						("{\"updateId\":\"" + id + "\",\"channel\":\"email\",\"reason\":\"" + reason
								+ "\",\"attempts\":" + attempts + "}")
							.getBytes(java.nio.charset.StandardCharsets.UTF_8));
			this.meters.counter("recourse.notifications", "channel", "email", "outcome", "failed").increment();
			logger.error("Gave up the news e-mail for update {} after {} attempts ({})", id, attempts, reason);
			return;
		}
		Duration backoff = this.settings.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
		if (backoff.compareTo(this.settings.maxBackoff()) > 0) {
			backoff = this.settings.maxBackoff();
		}
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("mailAttempts", attempts)
					.set("mailDueAt", now.plus(backoff))
					.set("mailLastError", reason)
					.unset("mailClaimedUntil"),
				COLLECTION);
		this.meters.counter("recourse.notifications", "channel", "email", "outcome", "retried").increment();
		logger.warn("News e-mail for update {} failed ({}); attempt {} again in {} s", id, reason, attempts + 1,
				backoff.toSeconds());
	}

	private void giveUp(String id, String reportId, int attempts, String reason, Instant now) {
		finish(id, "FAILED", now);
		this.kafka.send(DEAD_LETTERS, reportId, ("{\"updateId\":\"" + id + "\",\"channel\":\"email\",\"reason\":\""
				+ reason + "\",\"attempts\":" + attempts + "}")
			.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		this.meters.counter("recourse.notifications", "channel", "email", "outcome", "failed").increment();
		logger.error("Gave up the news e-mail for update {} after {} attempts ({})", id, attempts, reason);
	}

	private void finish(String id, String outcome, Instant now) {
		this.mongo.updateFirst(Query.query(Criteria.where("_id").is(id)),
				new Update().set("mailPending", false)
					.set("mailOutcome", outcome)
					.set("mailFinishedAt", now)
					.unset("mailClaimedUntil"),
				COLLECTION);
	}

}
