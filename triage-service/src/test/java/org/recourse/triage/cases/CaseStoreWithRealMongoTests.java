package org.recourse.triage.cases;

import java.time.Instant;
import java.util.Date;

import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.Test;
import org.recourse.events.testing.QueryPlans;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mongodb.MongoDBContainer;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * On real MongoDB, every query the work runs on cases is served by an index declared for
 * it (the embedded store ignores those, which is why the design reads by {@code _id}
 * where it can): the scanner's due and earliest-next-check queries, routing's report-id
 * look-up in both collections, the version-guarded writes and the audit export of both
 * collections. Asserted on the query plans, so the test says nothing about speed (that is
 * {@code CaseStoreBenchmark --mongo-uri}). Skipped where there is no Docker.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest(properties = { "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
		"spring.kafka.listener.auto-startup=false", "recourse.topics.partitions=1", "recourse.sla.scan-interval=1h" })
@EmbeddedKafka(partitions = 1)
@DirtiesContext
class CaseStoreWithRealMongoTests {

	@Container
	@ServiceConnection
	static MongoDBContainer mongo = new MongoDBContainer("mongo:8.0");

	@Autowired
	CaseStore cases;

	@Autowired
	MongoTemplate store;

	@Test
	void servesEveryQueryOfTheWorkFromAnIndex() {
		Case open = CaseMother.highSeverityCaseOf("alice.owner", Instant.parse("2026-06-09T09:00:00Z"));
		this.cases.insert(open);
		Case closed = CaseMother.highSeverityCaseOf("alice.owner", Instant.parse("2026-01-09T09:00:00Z"));
		this.store.insert(closed, CaseStore.ARCHIVE);
		Date now = new Date();

		assertIndexed(CaseStore.WORKING, Filters.lte("nextCheckAt", now), Sorts.ascending("nextCheckAt"));
		assertIndexed(CaseStore.WORKING, Filters.ne("nextCheckAt", null), Sorts.ascending("nextCheckAt"));
		assertIndexed(CaseStore.WORKING, Filters.eq("reportId", closed.getReportId()), null);
		assertIndexed(CaseStore.ARCHIVE, Filters.eq("reportId", closed.getReportId()), null);
		assertIndexed(CaseStore.WORKING, Filters.and(Filters.eq("_id", open.getId()), Filters.eq("version", 0L)), null);
		Bson touched = Filters.elemMatch("audit", Filters.and(Filters.gte("at", new Date(0)), Filters.lt("at", now)));
		assertIndexed(CaseStore.WORKING, touched, null);
		assertIndexed(CaseStore.ARCHIVE, touched, null);
		assertIndexed(CaseStore.WORKING, Filters.eq("outboxPending", true), Sorts.ascending("openedAt"));
		assertIndexed(CaseStore.WORKING, Filters.and(Filters.eq("sla.escalatedTo", "dan.deputy"),
				Filters.in("state", "NEW", "ACKNOWLEDGED"), Filters.ne("ownerId", "dan.deputy")), null);
	}

	private void assertIndexed(String collection, Bson filter, Bson sort) {
		Document plan = QueryPlans.winningPlan(this.store.getCollection(collection), filter, sort);
		assertThat(plan.toJson()).as("plan of %s on %s", filter, collection)
			.doesNotContain("COLLSCAN")
			.containsAnyOf("IXSCAN", "IDHACK", "EXPRESS");
		if (sort != null) {
			// the order comes from the index too: no in-memory sort of everything
			// matching
			assertThat(QueryPlans.stages(plan)).as("plan of %s sorted by %s on %s", filter, sort, collection)
				.doesNotContain("SORT");
		}
	}

}
