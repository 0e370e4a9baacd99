package org.recourse.notification.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.bson.Document;
import org.recourse.events.outbox.OutboxEvent;
import org.recourse.events.outbox.OutboxRelay;
import org.recourse.notification.contact.ContactVault;
import org.recourse.notification.delivery.Attempt;
import org.recourse.notification.delivery.Audience;
import org.recourse.notification.delivery.Channel;
import org.recourse.notification.delivery.ConcurrentBatch;
import org.recourse.notification.delivery.DeliveryOutcomes;
import org.recourse.notification.delivery.DueWork;
import org.recourse.notification.delivery.FailureCategory;
import org.recourse.notification.delivery.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.thymeleaf.ITemplateEngine;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the pending reporter e-mails, {@code recourse.mail.concurrency} at a time
 * ({@link ConcurrentBatch}). Each update is claimed for a short time before sending
 * ({@link UpdateClaims}), so two replicas (or two threads) never send the same one;
 * success clears the pending flag, failure schedules the next attempt with exponential
 * backoff. Every attempt's outcome (and the dead letter of a given-up e-mail) is written
 * into the update's outbox in the same write as its state. Without a configured mail
 * server it sends nothing and keeps everything pending.
 */
@Component
class ReporterMailer {

	static final String COLLECTION = "reporter_updates";

	static final String DEAD_LETTERS = DeliveryOutcomes.DEAD_LETTERS;

	/** Updates tried per batch. */
	private static final int BATCH = 50;

	/** Batches per poll at most. */
	private static final int MAX_BATCHES = 20;

	private static final Logger logger = LoggerFactory.getLogger(ReporterMailer.class);

	private final MongoTemplate mongo;

	private final ContactVault vault;

	private final ObjectProvider<JavaMailSender> sender;

	private final ITemplateEngine html;

	private final ITemplateEngine text;

	private final DeliveryOutcomes outcomes;

	private final OutboxRelay relay;

	private final MailSettings settings;

	private final Clock clock;

	private final LateContacts lateContacts;

	private final DueWork due;

	private final UpdateClaims claims;

	private final ConcurrentBatch batch;

	ReporterMailer(MongoTemplate mongo, ContactVault vault, ObjectProvider<JavaMailSender> sender,
			ITemplateEngine templateEngine, @Qualifier("mailTextTemplates") ITemplateEngine text,
			DeliveryOutcomes outcomes, OutboxRelay relay, MailSettings settings, Clock clock, LateContacts lateContacts,
			@Qualifier("reporterMailDue") DueWork due, UpdateClaims claims,
			@Qualifier("reporterMailBatch") ConcurrentBatch batch) {
		this.mongo = mongo;
		this.vault = vault;
		this.sender = sender;
		this.html = templateEngine;
		this.text = text;
		this.outcomes = outcomes;
		this.relay = relay;
		this.settings = settings;
		this.clock = clock;
		this.lateContacts = lateContacts;
		this.due = due;
		this.claims = claims;
		this.batch = batch;
	}

	/**
	 * A full batch is followed by another at once, up to {@link #MAX_BATCHES}: a backlog
	 * (after a burst, or an outage of the mail server) goes out as fast as the mail
	 * server and the store take it, not one batch per poll interval. A mail server that
	 * cannot be reached ends the tick, and so does the service stopping.
	 */
	@Scheduled(fixedDelayString = "${recourse.mail.poll-interval:2s}")
	void sendDue() {
		JavaMailSender mail = this.sender.getIfAvailable();
		if (mail == null) {
			return;
		}
		List<String> ids;
		int batches = 0;
		do {
			Instant now = this.clock.instant();
			ids = this.due.due(now, BATCH, (limit) -> queryDue(now, limit));
			try {
				ConcurrentBatch.Outcome outcome = this.batch.deliver(ids, true, (id) -> {
					// each claim with the time it is taken: a slow batch must not take
					// claims that lapse sooner than claim-for
					Instant at = this.clock.instant();
					Optional<Document> claimed = this.claims.claim(id, at);
					return claimed.isEmpty() || send(mail, claimed.get(), at);
				});
				if (outcome.stopped()) {
					// the service is stopping: what was not tried stays due (in
					// memory too, should it start again)
					this.due.putBack(outcome.untried(), now);
					return;
				}
				if (!outcome.reachable()) {
					// the rest wait for the next poll instead of each waiting out the
					// timeouts (and holding up the service's other work)
					this.due.putBack(outcome.untried(), now);
					return;
				}
			}
			catch (RuntimeException ex) {
				// the store went away mid-batch, say: the next poll asks it what is due
				this.due.scanSoon();
				throw ex;
			}
		}
		while (ids.size() == BATCH && ++batches < MAX_BATCHES);
	}

	/**
	 * The store's own answer, at most {@code limit} updates due, earliest first (it reads
	 * the whole collection on the embedded store).
	 */
	private List<DueWork.Due> queryDue(Instant now, int limit) {
		Query due = Query.query(Criteria.where("mailPending").is(true).and("mailDueAt").lte(now))
			.with(Sort.by("mailDueAt"))
			.limit(limit);
		due.fields().include("_id").include("mailDueAt");
		return this.mongo.find(due, Document.class, COLLECTION)
			.stream()
			.map((candidate) -> new DueWork.Due(candidate.getString("_id"), candidate.getDate("mailDueAt").toInstant()))
			.toList();
	}

	/** Sends one claimed update; false when the mail server could not be reached. */
	private boolean send(JavaMailSender mail, Document update, Instant now) {
		String id = update.getString("_id");
		String reportId = update.getString("reportId");
		int attempt = update.getInteger("mailAttempts", 0) + 1;
		Optional<String> contact;
		try {
			contact = this.vault.contactForReport(reportId);
		}
		catch (IllegalStateException ex) {
			failed(id, reportId, FailureCategory.UNDECRYPTABLE_CONTACT, attempt, now);
			return true;
		}
		if (contact.isEmpty()) {
			settle(id, finished("NO_CONTACT", now), List.of());
			this.lateContacts.remember(reportId, id);
			if (this.vault.contactForReport(reportId).isPresent()) {
				// stored meanwhile, after its arrival looked for updates waiting for it
				this.lateContacts.contactArrived(reportId);
			}
			return true;
		}
		try {
			mail.send(ReporterNewsMail.compose(mail, this.html, this.text, contact.get(),
					update.getString("mailMessageId"), this.settings));
		}
		catch (Exception ex) {
			FailureCategory reason = FailureCategory.of(ex);
			failed(id, reportId, reason, attempt, now);
			return !reason.unreachable();
		}
		Attempt sent = Attempt.sent(reportId, id, Channel.EMAIL, Audience.REPORTER, attempt, false);
		settle(id, finished("SENT", now).set("mailAttempts", attempt), this.outcomes.events(sent, now));
		this.outcomes.count(Channel.EMAIL, Audience.REPORTER, Result.SENT);
		logger.info("Sent the news e-mail for update {} of report {}", id, reportId);
		return true;
	}

	/**
	 * Records a failed attempt: due again after an exponential backoff, or, when the
	 * failure is permanent or there were too many attempts, given up with a dead letter.
	 */
	private void failed(String id, String reportId, FailureCategory reason, int attempt, Instant now) {
		boolean giveUp = reason.permanent() || attempt >= this.settings.maxAttempts();
		Attempt failed = Attempt.failed(reportId, id, Channel.EMAIL, Audience.REPORTER, reason, attempt, false, giveUp);
		Update update = giveUp ? finished("FAILED", now) : new Update();
		update.set("mailAttempts", attempt).set("mailLastError", reason.name());
		Instant next = giveUp ? null : now.plus(backoff(attempt));
		if (giveUp) {
			logger.error("Gave up the news e-mail for update {} after {} attempts ({})", id, attempt, reason);
		}
		else {
			update.set("mailDueAt", next);
			logger.warn("News e-mail for update {} failed ({}); attempt {} in {} s", id, reason, attempt + 1,
					Duration.between(now, next).toSeconds());
		}
		settle(id, update, this.outcomes.events(failed, now));
		if (next != null) {
			this.due.add(id, next);
		}
		this.outcomes.count(Channel.EMAIL, Audience.REPORTER, failed.result());
	}

	private Duration backoff(int attempts) {
		Duration backoff = this.settings.initialBackoff().multipliedBy(1L << Math.min(attempts - 1, 20));
		return (backoff.compareTo(this.settings.maxBackoff()) > 0) ? this.settings.maxBackoff() : backoff;
	}

	private static Update finished(String outcome, Instant now) {
		return new Update().set("mailPending", false).set("mailOutcome", outcome).set("mailFinishedAt", now);
	}

	/** One write: the attempt's state and its outcome events, handed to the relay. */
	private void settle(String id, Update update, List<OutboxEvent> events) {
		if (!events.isEmpty()) {
			update.set("outboxPending", true).push("outbox").each(events.toArray());
		}
		this.claims.record(id, update);
		this.relay.wake(id, events);
	}

}
