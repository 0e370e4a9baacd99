package org.recourse.triage.escalation;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.recourse.events.outbox.OutboxRelay;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseChanges;
import org.recourse.triage.cases.CaseEventsOutbox;
import org.recourse.triage.cases.CaseState;
import org.recourse.triage.cases.CaseStore;
import org.recourse.triage.cases.QueueIndex;
import org.recourse.triage.registry.AiSystem;
import org.recourse.triage.registry.AiSystemRepository;
import org.recourse.triage.metrics.CaseMetrics;
import org.recourse.triage.sla.SlaClock;
import org.recourse.triage.sla.SlaStep;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * One due case: the case decides what its clocks call for (or closes, once nobody
 * contested its resolution in time, which is announced as {@code CaseClosed} like every
 * other transition), and its new audit entries and events are written into the same
 * document in one update guarded by the case's version. Losing that check means someone
 * else (an owner, another replica's scanner) changed the case first: the step is dropped
 * and the case read afresh on the next scan, so no step ever happens twice. The update
 * appends rather than replacing the document, so events the relay published while the
 * case was being checked are not queued again. A closed case then moves to the archive
 * once its events are published (the relay is woken at once); until then it stays due and
 * a later scan moves it.
 */
@Service
class CheckingDeadlines {

	private static final Logger logger = LoggerFactory.getLogger(CheckingDeadlines.class);

	private final CaseStore cases;

	private final QueueIndex queues;

	private final AiSystemRepository systems;

	private final CaseEventsOutbox events;

	private final OutboxRelay relay;

	private final CaseMetrics metrics;

	private final EscalationSettings settings;

	CheckingDeadlines(CaseStore cases, QueueIndex queues, AiSystemRepository systems, CaseEventsOutbox events,
			OutboxRelay relay, CaseMetrics metrics, EscalationSettings settings) {
		this.cases = cases;
		this.queues = queues;
		this.systems = systems;
		this.events = events;
		this.relay = relay;
		this.metrics = metrics;
		this.settings = settings;
	}

	/** Returns whether this call's decision was saved. */
	boolean check(Case due, Instant now) {
		if (due.getState() == CaseState.CLOSED) {
			return archive(due);
		}
		CaseChanges changes = CaseChanges.of(due);
		if (!due.hasEscalationChain()) {
			due.snapshotEscalationChain(registryChain(due));
		}
		Set<SlaClock> breachedBefore = Set.copyOf(due.getBreachedClocks());
		List<SlaStep> steps = due.checkSla(now, this.settings.escalationInterval());
		steps.forEach((step) -> due.queue(this.events.slaStep(due, step)));
		boolean closed = due.closeIfDue(now);
		if (closed) {
			due.queue(this.events.closed(due, now));
		}
		if (!this.cases.save(changes)) {
			logger.info("Case {} changed while its clocks were checked; it is looked at again next scan", due.getId());
			return false;
		}
		this.relay.wake(due.getId(), changes.events());
		this.queues.record(due);
		this.metrics.slaChecked(due, breachedBefore, steps);
		if (closed) {
			archive(due);
		}
		return true;
	}

	private boolean archive(Case closed) {
		if (this.cases.archive(closed.getId())) {
			this.queues.record(closed);
			return true;
		}
		return false;
	}

	private List<String> registryChain(Case due) {
		String systemId = due.getReport().aiSystemId();
		return (systemId != null) ? this.systems.findById(systemId).map(AiSystem::escalationChain).orElse(List.of())
				: List.of();
	}

}
