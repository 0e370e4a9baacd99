package org.recourse.notification.updates;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;

import org.recourse.events.outbox.OutboxRelay;
import org.recourse.notification.delivery.DueWork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * Composes the reporter-facing update for a case event and stores it with its outgoing
 * event in one insert, keyed by the cause event's id: a redelivered case event fails the
 * insert and sends nothing twice.
 */
@Service
class ComposingUpdate {

	private static final Logger logger = LoggerFactory.getLogger(ComposingUpdate.class);

	private final MongoTemplate mongo;

	private final UpdateEventsOutbox events;

	private final OutboxRelay relay;

	private final MeterRegistry meters;

	private final Clock clock;

	private final ZoneId zone;

	private final DueWork mailDue;

	ComposingUpdate(MongoTemplate mongo, UpdateEventsOutbox events, OutboxRelay relay, MeterRegistry meters,
			Clock clock, Settings settings, @Qualifier("reporterMailDue") DueWork mailDue) {
		this.mongo = mongo;
		this.events = events;
		this.relay = relay;
		this.meters = meters;
		this.clock = clock;
		this.zone = settings.displayZone();
		this.mailDue = mailDue;
	}

	void routed(UpdateMessages.CaseWasRouted routed) {
		String message = routed.governance() ? Wording.receivedByGovernance(routed.acknowledgeBy(), this.zone)
				: Wording.receivedByOwner(routed.acknowledgeBy(), this.zone);
		compose(routed.eventId(), routed.reportId(), "RECEIVED", message);
	}

	void compose(UpdateMessages.Composed update) {
		compose(update.causeEventId(), update.reportId(), update.type(), update.message());
	}

	private void compose(String causeEventId, String reportId, String type, String message) {
		Instant now = this.clock.instant();
		ReporterUpdateRecord record = new ReporterUpdateRecord(causeEventId, reportId, type, message, now);
		record.queue(this.events.update(record));
		try {
			this.mongo.insert(record);
		}
		catch (DuplicateKeyException ex) {
			logger.info("Case event {} was already answered; redelivery ignored", causeEventId);
			// the first delivery may have failed after its insert, before the update was
			// handed to the mailer; a stale entry costs the mailer one read
			this.mailDue.add(causeEventId, now);
			return;
		}
		this.relay.wake(causeEventId, record.getOutbox());
		this.mailDue.add(causeEventId, now);
		this.meters.counter("recourse.reporter.updates.composed", "type", type).increment();
	}

	@ConfigurationProperties("recourse.updates")
	record Settings(@DefaultValue("UTC") ZoneId displayZone) {
	}

}
