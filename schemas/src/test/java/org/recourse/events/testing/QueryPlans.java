package org.recourse.events.testing;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The plan a real MongoDB chose for a query, for tests that assert a query is served by
 * an index (the embedded store ignores non-unique indexes, so only a real server shows
 * it).
 */
public final class QueryPlans {

	private QueryPlans() {
	}

	/** The winning plan of {@code filter}, sorted by {@code sort} unless it is null. */
	public static Document winningPlan(MongoCollection<Document> collection, Bson filter, Bson sort) {
		FindIterable<Document> query = collection.find(filter);
		if (sort != null) {
			query = query.sort(sort);
		}
		return query.explain().get("queryPlanner", Document.class).get("winningPlan", Document.class);
	}

	/**
	 * Every stage of a plan, depth first (a winning plan may nest its stages under
	 * {@code queryPlan}).
	 */
	public static List<String> stages(Document plan) {
		List<String> stages = new ArrayList<>();
		if (plan.getString("stage") != null) {
			stages.add(plan.getString("stage"));
		}
		for (String child : List.of("queryPlan", "inputStage")) {
			if (plan.get(child) instanceof Document nested) {
				stages.addAll(stages(nested));
			}
		}
		if (plan.get("inputStages") instanceof List<?> nested) {
			nested.stream()
				.filter(Document.class::isInstance)
				.map(Document.class::cast)
				.map(QueryPlans::stages)
				.forEach(stages::addAll);
		}
		return stages;
	}

}
