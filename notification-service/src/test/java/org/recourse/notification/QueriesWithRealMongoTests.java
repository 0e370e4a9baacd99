package org.recourse.notification;

import java.util.Date;
import java.util.List;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.recourse.events.testing.QueryPlans;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On real MongoDB, every recurring question notification asks its store is answered from
 * an index, the order included (no in-memory sort of everything pending): the delivery
 * polls' periodic queries, the outbox relays' sweeps, the digest's filter (it sorts one
 * recipient's few reminders itself), the hourly purges. The embedded store ignores these
 * indexes, so only a real server shows it. Asserted on the query plans, so it says
 * nothing about speed. Skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"spring.kafka.listener.auto-startup=false", "recourse.topics.partitions=1" })
@EmbeddedKafka(partitions = 1)
@DirtiesContext
class QueriesWithRealMongoTests {

	@Container
	@ServiceConnection
	static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");

	@Autowired
	MongoTemplate store;

	@Test
	void answersEveryRecurringQueryFromAnIndex() {
		Date now = new Date();

		assertIndexed("reporter_updates", Filters.and(Filters.eq("mailPending", true), Filters.lte("mailDueAt", now)),
				Sorts.ascending("mailDueAt"));
		assertIndexed("reporter_updates", Filters.eq("outboxPending", true), Sorts.ascending("createdAt"));
		assertIndexed("staff_notifications", Filters.and(Filters.eq("emailPending", true),
				Filters.lte("emailDueAt", now), Filters.eq("emailDigest", false)), Sorts.ascending("emailDueAt"));
		assertIndexed("staff_notifications",
				Filters.and(Filters.eq("webhookPending", true), Filters.lte("webhookDueAt", now)),
				Sorts.ascending("webhookDueAt"));
		assertIndexed("staff_notifications", Filters.eq("outboxPending", true), Sorts.ascending("createdAt"));
		assertIndexed("staff_notifications", Filters.and(Filters.eq("emailPending", true),
				Filters.eq("emailDigest", true), Filters.eq("notice.recipient", "carol.owner")), null);
		assertIndexed("contact_closures", Filters.lte("purgeAfter", now), null);
		assertIndexed("late_contacts", Filters.lt("since", now), null);
	}

	private void assertIndexed(String collection, Bson filter, Bson sort) {
		Document plan = QueryPlans.winningPlan(this.store.getCollection(collection), filter, sort);
		List<String> stages = QueryPlans.stages(plan);
		assertThat(stages).as("plan of %s on %s: %s", filter, collection, plan.toJson())
			.contains("IXSCAN")
			.doesNotContain("COLLSCAN");
		if (sort != null) {
			assertThat(stages).as("plan of %s sorted by %s on %s: %s", filter, sort, collection, plan.toJson())
				.doesNotContain("SORT");
		}
	}

}
