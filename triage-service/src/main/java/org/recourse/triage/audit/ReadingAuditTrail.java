package org.recourse.triage.audit;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.bson.Document;
import org.recourse.triage.cases.CaseStore;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Collects the audit entries of all cases that fall within a time range, oldest first:
 * open cases and closed ones in the archive (a case caught between the two while it moves
 * is read once, from the working collection). On MongoDB both collections index
 * {@code audit.at}.
 */
@Service
class ReadingAuditTrail {

	private final MongoTemplate mongo;

	ReadingAuditTrail(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	List<AuditRecord> between(Instant from, Instant to) {
		Query touched = Query.query(Criteria.where("audit").elemMatch(Criteria.where("at").gte(from).lt(to)));
		touched.fields().include("reportId", "audit");
		List<Document> open = this.mongo.find(touched, Document.class, CaseStore.WORKING);
		Set<Object> seen = open.stream().map((found) -> found.get("_id")).collect(Collectors.toSet());
		Stream<Document> closed = this.mongo.find(touched, Document.class, CaseStore.ARCHIVE)
			.stream()
			.filter((found) -> !seen.contains(found.get("_id")));
		return Stream.concat(open.stream(), closed)
			.flatMap((found) -> found.getList("audit", Document.class, List.of())
				.stream()
				.map((entry) -> new AuditRecord(found.get("_id").toString(), found.getString("reportId"),
						entry.getDate("at").toInstant(), entry.getString("actor"), entry.getString("action"),
						entry.getString("fromState"), entry.getString("toState"), entry.getString("reason"))))
			.filter((entry) -> !entry.at().isBefore(from) && entry.at().isBefore(to))
			.sorted(Comparator.comparing(AuditRecord::at).thenComparing(AuditRecord::caseId))
			.toList();
	}

}
