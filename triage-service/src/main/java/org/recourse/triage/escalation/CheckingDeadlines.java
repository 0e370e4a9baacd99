package org.recourse.triage.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.recourse.triage.cases.AuditEntry;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseEventsOutbox;
import org.recourse.events.outbox.OutboxEvent;
import org.recourse.events.outbox.OutboxRelay;
import org.recourse.triage.registry.AiSystem;
import org.recourse.triage.registry.AiSystemRepository;
import org.recourse.triage.metrics.CaseMetrics;
import org.recourse.triage.sla.SlaClock;
import org.recourse.triage.sla.SlaStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * One due case: the case decides what its clocks call for, and its new audit entries and
 * events are written into the same document in one update guarded by the case's version.
 * Losing that check means someone else (an owner, another replica's scanner) changed the
 * case first: the step is dropped and the case read afresh on the next scan, so no step
 * ever happens twice. The update appends rather than replacing the document, so events
 * the relay published while the case was being checked are not queued again.
 */
@Service
class CheckingDeadlines {

	private static final Logger logger = LoggerFactory.getLogger(CheckingDeadlines.class);

	private final MongoTemplate mongo;

	private final AiSystemRepository systems;

	private final CaseEventsOutbox events;

	private final OutboxRelay relay;

	private final CaseMetrics metrics;

	private final EscalationSettings settings;

	CheckingDeadlines(MongoTemplate mongo, AiSystemRepository systems, CaseEventsOutbox events, OutboxRelay relay,
			CaseMetrics metrics, EscalationSettings settings) {
		this.mongo = mongo;
		this.systems = systems;
		this.events = events;
		this.relay = relay;
		this.metrics = metrics;
		this.settings = settings;
	}

	/** Returns whether this call's decision was saved. */
	boolean check(Case due, Instant now) {
		if (!due.hasEscalationChain()) {
			due.snapshotEscalationChain(registryChain(due));
		}
		int audited = due.getAudit().size();
		Set<SlaClock> breachedBefore = due.getBreachedClocks();
		List<SlaStep> steps = due.checkSla(now, this.settings.escalationInterval());
		List<OutboxEvent> announcements = steps.stream().map((step) -> this.events.slaStep(due, step)).toList();
		if (!saved(due, due.getAudit().subList(audited, due.getAudit().size()), announcements)) {
			logger.info("Case {} changed while its clocks were checked; it is looked at again next scan", due.getId());
			return false;
		}
		if (!steps.isEmpty()) {
			this.relay.wake(due.getId(), announcements);
		}
		this.metrics.slaChecked(due, breachedBefore, steps);
		return true;
	}

	private boolean saved(Case checked, List<AuditEntry> audited, List<OutboxEvent> announcements) {
		Update update = new Update().set("sla", checked.getSla())
			.set("nextCheckAt", checked.getNextCheckAt())
			.inc("version", 1);
		if (!audited.isEmpty()) {
			update.push("audit").each(audited.toArray());
		}
		if (!announcements.isEmpty()) {
			update.push("outbox").each(announcements.toArray()).set("outboxPending", true);
		}
		Query unchanged = Query
			.query(Criteria.where("_id").is(checked.getId()).and("version").is(checked.getVersion()));
		return this.mongo.updateFirst(unchanged, update, Case.class).getModifiedCount() == 1;
	}

	private List<String> registryChain(Case due) {
		String systemId = due.getReport().aiSystemId();
		return (systemId != null) ? this.systems.findById(systemId).map(AiSystem::escalationChain).orElse(List.of())
				: List.of();
	}

}
