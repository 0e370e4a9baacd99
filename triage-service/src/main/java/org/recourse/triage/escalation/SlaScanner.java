package org.recourse.triage.escalation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseStore;
import org.recourse.triage.cases.QueueIndex;
import org.recourse.triage.cases.ScanSchedule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Every {@code recourse.sla.scan-interval}, one replica at a time: reads the
 * {@link ScanSchedule}'s bound and stops there when no case can be due yet (one read by
 * {@code _id}, whatever the number of cases). Otherwise it reads the cases whose
 * {@code nextCheckAt} has come, most overdue first, a batch at a time, checks each, and
 * raises the bound to the earliest next check left. The cases read are those of the
 * working collection (closed ones are archived), through the index on {@code nextCheckAt}
 * on MongoDB. Every {@code full-scan-interval} it scans even so, and rebuilds the queue
 * index: the repair for a writer that crashed between its writes.
 */
@Component
public class SlaScanner {

	private static final Logger logger = LoggerFactory.getLogger(SlaScanner.class);

	private static final int MAX_BATCHES_PER_SCAN = 20;

	private static final Duration NOTHING_SCHEDULED = Duration.ofDays(365);

	private final MongoTemplate mongo;

	private final CheckingDeadlines checking;

	private final ScanSchedule schedule;

	private final QueueIndex queues;

	private final EscalationSettings settings;

	private final Clock clock;

	private volatile Instant lastFullScan;

	SlaScanner(MongoTemplate mongo, CheckingDeadlines checking, ScanSchedule schedule, QueueIndex queues,
			EscalationSettings settings, Clock clock) {
		this.mongo = mongo;
		this.checking = checking;
		this.schedule = schedule;
		this.queues = queues;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * One tick, while this replica holds the lock. The lock only saves work: two scans at
	 * once act on each case once (version-guarded writes), so it is held briefly
	 * ({@code lock-at-most-for}, 30 s): a replica killed mid-scan holds the others back
	 * no longer than that.
	 */
	@Scheduled(fixedDelayString = "${recourse.sla.scan-interval:30s}",
			initialDelayString = "${recourse.sla.scan-interval:30s}")
	@SchedulerLock(name = "sla-scanner", lockAtMostFor = "${recourse.sla.lock-at-most-for:PT30S}")
	public void scan() {
		tick();
	}

	/** One tick; returns how many cases it checked. */
	int tick() {
		Instant now = this.clock.instant();
		Optional<ScanSchedule.Bound> bound = this.schedule.read();
		boolean repair = this.lastFullScan == null
				|| !now.isBefore(this.lastFullScan.plus(this.settings.fullScanInterval()));
		if (!repair && bound.isPresent() && bound.get().earliest().isAfter(now)) {
			return 0;
		}
		int checked = 0;
		for (int batch = 0; batch < MAX_BATCHES_PER_SCAN; batch++) {
			List<Case> due = due(now);
			checked += check(due, now);
			if (due.size() < this.settings.batchSize()) {
				break;
			}
		}
		this.schedule.raiseTo(earliestNextCheck(now), bound, now);
		if (repair) {
			long started = System.nanoTime();
			int repaired = this.queues.rebuild();
			this.lastFullScan = now;
			logger.info("Queue index checked against every open case in {} ms: {} entries repaired",
					(System.nanoTime() - started) / 1_000_000, repaired);
		}
		return checked;
	}

	List<Case> due(Instant now) {
		Query due = Query.query(Criteria.where("nextCheckAt").lte(now))
			.with(Sort.by(Sort.Direction.ASC, "nextCheckAt"))
			.limit(this.settings.batchSize());
		return this.mongo.find(due, Case.class, CaseStore.WORKING);
	}

	int check(List<Case> due, Instant now) {
		return (int) due.stream().filter((found) -> this.checking.check(found, now)).count();
	}

	private Instant earliestNextCheck(Instant now) {
		Query earliest = Query.query(Criteria.where("nextCheckAt").ne(null))
			.with(Sort.by(Sort.Direction.ASC, "nextCheckAt"))
			.limit(1);
		earliest.fields().include("nextCheckAt");
		Case next = this.mongo.findOne(earliest, Case.class, CaseStore.WORKING);
		return (next != null) ? next.getNextCheckAt() : now.plus(NOTHING_SCHEDULED);
	}

}
