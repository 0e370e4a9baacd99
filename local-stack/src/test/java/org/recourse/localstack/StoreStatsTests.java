package org.recourse.localstack;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import de.bwaldvogel.mongo.bson.Document;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StoreStatsTests {

	@Test
	void namesACommandByItsFilterFieldsAndOperatorsNeverItsValues() {
		Document find = new Document("find", "reporter_updates")
			.append("filter",
					new Document("mailPending", true).append("mailDueAt", new Document("$lte", "2026-12-07T05:00:00Z")))
			.append("limit", 50);
		Document update = new Document("update", "caseQueues").append("updates",
				List.of(new Document("q", new Document("_id", "owner:alice.owner#3")).append("u",
						new Document("$set", new Document("entries.c-1", "secret-value")))));
		Document aggregate = new Document("aggregate", "cases").append("pipeline",
				List.of(new Document("$match", new Document("state", new Document("$in", List.of("NEW"))))));

		assertThat(StoreStats.shape("recourse_notification", "find", find))
			.isEqualTo("recourse_notification find reporter_updates {mailDueAt: {$lte}, mailPending}");
		assertThat(StoreStats.shape("recourse_triage", "update", update))
			.isEqualTo("recourse_triage update caseQueues {_id}");
		Document guarded = new Document("update", "caseQueues").append("updates",
				List.of(new Document("q", new Document("_id", "owner:alice.owner#3")
					.append("entries.3f2b6c1e-8d4a-4c2b-9e7f-0a1b2c3d4e5f.version", 4L))));
		assertThat(StoreStats.shape("recourse_triage", "update", guarded))
			.isEqualTo("recourse_triage update caseQueues {_id, entries.*.version}");
		assertThat(StoreStats.shape("recourse_triage", "aggregate", aggregate))
			.isEqualTo("recourse_triage aggregate cases {state: {$in}}");
	}

	@Test
	void printsTheCostliestShapesSinceTheLastPrint() {
		StoreStats stats = new StoreStats();
		Document byId = new Document("find", "cases").append("filter", new Document("_id", "c-1"));
		Document scan = new Document("find", "cases").append("filter", new Document("nextCheckAt", "x"));
		stats.record("db", "find", byId, 1_000_000);
		stats.record("db", "find", byId, 1_000_000);
		stats.record("db", "find", scan, 30_000_000);

		String first = print(stats);
		String second = print(stats);

		assertThat(first).contains("0.0 s of command time").doesNotContain("c-1");
		assertThat(first.lines().skip(1).map(String::strip).toList()).containsExactly(
				"1 x    30.00 ms =    0.03 s  db find cases {nextCheckAt}",
				"2 x     1.00 ms =    0.00 s  db find cases {_id}");
		assertThat(second.lines().count()).isEqualTo(1);
	}

	private static String print(StoreStats stats) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		stats.print(new PrintStream(out, true, StandardCharsets.UTF_8), Duration.ofSeconds(60));
		return out.toString(StandardCharsets.UTF_8);
	}

}
