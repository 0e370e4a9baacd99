package org.recourse.notification.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
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

	static final String CLOSURES = "contact_closures";

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Settings settings;

	ContactRetention(MongoTemplate mongo, Clock clock, Settings settings) {
		this.mongo = mongo;
		this.clock = clock;
		this.settings = settings;
		// the hourly purge's question (the vault's own index is declared on VaultEntry)
		mongo.indexOps(CLOSURES).createIndex(new Index("purgeAfter", Sort.Direction.ASC).named("purge_due"));
	}

	/**
	 * Remembers the closure per report too, since the contact travels on another topic
	 * and may arrive after the case's resolution; {@link #contactStored} applies it then.
	 */
	public void caseClosed(String reportId, Instant closedAt) {
		Instant purgeAfter = closedAt.plus(this.settings.keepFor());
		this.mongo.upsert(Query.query(Criteria.where("_id").is(reportId)), new Update().set("purgeAfter", purgeAfter),
				CLOSURES);
		this.mongo.updateFirst(byReport(reportId), new Update().set("purgeAfter", purgeAfter), VaultEntry.class);
	}

	public void caseReopened(String reportId) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(reportId)), CLOSURES);
		this.mongo.updateFirst(byReport(reportId), new Update().unset("purgeAfter"), VaultEntry.class);
	}

	void contactStored(String reportId) {
		org.bson.Document closure = this.mongo.findById(reportId, org.bson.Document.class, CLOSURES);
		if (closure != null) {
			this.mongo.updateFirst(byReport(reportId), new Update().set("purgeAfter", closure.getDate("purgeAfter")),
					VaultEntry.class);
		}
	}

	@Scheduled(fixedDelayString = "${recourse.contacts.purge-interval:1h}", initialDelayString = "1m")
	public void purgeExpired() {
		Query expired = Query.query(Criteria.where("purgeAfter").lte(this.clock.instant()));
		long purged = this.mongo.remove(expired, VaultEntry.class).getDeletedCount();
		this.mongo.remove(expired, CLOSURES);
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
