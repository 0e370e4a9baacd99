package org.recourse.triage.escalation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.recourse.triage.cases.Case;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code recourse.sla.scan-interval}, reads the cases whose {@code nextCheckAt} has
 * come, most overdue first, a batch at a time, and checks each. The query uses the index
 * on {@code nextCheckAt}, so a scan costs in proportion to the cases due, not to the
 * cases stored.
 */
@Component
class SlaScanner {

	private static final int MAX_BATCHES_PER_SCAN = 20;

	private final MongoTemplate mongo;

	private final CheckingDeadlines checking;

	private final EscalationSettings settings;

	private final Clock clock;

	SlaScanner(MongoTemplate mongo, CheckingDeadlines checking, EscalationSettings settings, Clock clock) {
		this.mongo = mongo;
		this.checking = checking;
		this.settings = settings;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${recourse.sla.scan-interval:30s}",
			initialDelayString = "${recourse.sla.scan-interval:30s}")
	@SchedulerLock(name = "sla-scanner", lockAtMostFor = "${recourse.sla.lock-at-most-for:PT5M}")
	public void scan() {
		Instant now = this.clock.instant();
		for (int batch = 0; batch < MAX_BATCHES_PER_SCAN; batch++) {
			List<Case> due = due(now);
			check(due, now);
			if (due.size() < this.settings.batchSize()) {
				return;
			}
		}
	}

	List<Case> due(Instant now) {
		Query due = Query.query(Criteria.where("nextCheckAt").lte(now))
			.with(Sort.by(Sort.Direction.ASC, "nextCheckAt"))
			.limit(this.settings.batchSize());
		return this.mongo.find(due, Case.class);
	}

	int check(List<Case> due, Instant now) {
		return (int) due.stream().filter((found) -> this.checking.check(found, now)).count();
	}

}
