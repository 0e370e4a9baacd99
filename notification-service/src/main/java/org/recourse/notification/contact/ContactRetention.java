package org.recourse.notification.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Forgets reporters' contacts a while after their case closes (DESIGN.md section 3;
 * default 30 days). Closing sets the date, reopening clears it, and the purge deletes
 * whatever is past its date: one idempotent delete, so any number of replicas can run it
 * at once.
 */
@Service
@EnableConfigurationProperties(ContactRetention.Settings.class)
public class ContactRetention {

	private static final Logger logger = LoggerFactory.getLogger(ContactRetention.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Settings settings;

	ContactRetention(MongoTemplate mongo, Clock clock, Settings settings) {
		this.mongo = mongo;
		this.clock = clock;
		this.settings = settings;
	}

	public void caseClosed(String reportId, Instant closedAt) {
		this.mongo.updateFirst(byReport(reportId),
				new Update().set("purgeAfter", closedAt.plus(this.settings.keepFor())), VaultEntry.class);
	}

	public void caseReopened(String reportId) {
		this.mongo.updateFirst(byReport(reportId), new Update().unset("purgeAfter"), VaultEntry.class);
	}

	@Scheduled(fixedDelayString = "${recourse.contacts.purge-interval:1h}", initialDelayString = "1m")
	public void purgeExpired() {
		long purged = this.mongo
			.remove(Query.query(Criteria.where("purgeAfter").lte(this.clock.instant())), VaultEntry.class)
			.getDeletedCount();
		if (purged > 0) {
			logger.info("Forgot {} reporter contacts whose cases closed more than {} days ago", purged,
					this.settings.keepFor().toDays());
		}
	}

	private static Query byReport(String reportId) {
		return Query.query(Criteria.where("reportId").is(reportId));
	}

	@ConfigurationProperties("recourse.contacts")
	record Settings(@DefaultValue("30d") Duration keepFor) {
	}

}
