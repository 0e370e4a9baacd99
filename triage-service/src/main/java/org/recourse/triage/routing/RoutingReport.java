package org.recourse.triage.routing;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseEventsOutbox;
import org.recourse.triage.cases.CaseStore;
import org.recourse.triage.cases.Queue;
import org.recourse.triage.cases.QueueIndex;
import org.recourse.events.outbox.OutboxRelay;
import org.recourse.triage.metrics.CaseMetrics;
import org.recourse.triage.registry.AiSystem;
import org.recourse.triage.registry.AiSystemRepository;
import org.recourse.triage.sla.BusinessCalendar;
import org.recourse.triage.sla.CalendarSnapshot;
import org.recourse.triage.sla.SlaPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Opens the case for a report. The unique report id on cases makes this idempotent: a
 * redelivered report finds its case (open, or closed in the archive) or loses the insert
 * race, and changes nothing. The case and its case-routed event are one insert; its
 * queue's index entry follows.
 */
@Service
class RoutingReport {

	private static final Logger logger = LoggerFactory.getLogger(RoutingReport.class);

	private static final BusinessCalendar GOVERNANCE_CALENDAR = BusinessCalendar.officeHours(ZoneId.of("UTC"));

	private final CaseStore cases;

	private final QueueIndex queues;

	private final AiSystemRepository systems;

	private final CaseEventsOutbox events;

	private final OutboxRelay relay;

	private final CaseMetrics metrics;

	private final Clock clock;

	RoutingReport(CaseStore cases, QueueIndex queues, AiSystemRepository systems, CaseEventsOutbox events,
			OutboxRelay relay, CaseMetrics metrics, Clock clock) {
		this.cases = cases;
		this.queues = queues;
		this.systems = systems;
		this.events = events;
		this.relay = relay;
		this.metrics = metrics;
		this.clock = clock;
	}

	void route(IncomingReport report) {
		if (this.cases.findByReportId(report.reportId()).isPresent()) {
			logger.info("Report {} already has a case; redelivery ignored", report.reportId());
			return;
		}
		Optional<AiSystem> system = Optional.ofNullable(report.details().aiSystemId()).flatMap(this.systems::findById);
		boolean owned = system.map(AiSystem::hasOwner).orElse(false);
		BusinessCalendar calendar = system.map(AiSystem::businessCalendar).orElse(GOVERNANCE_CALENDAR);
		SlaPolicy policy = system.map(AiSystem::slaPolicy).orElse(SlaPolicy.standard());
		Instant openedAt = this.clock.instant();
		SlaPolicy.Deadlines deadlines = policy.deadlines(openedAt, report.severity(), report.mandatedAiConcern(),
				calendar);
		Case opened = new Case(UUID.randomUUID().toString(), report.reportId(), report.reporterRef(),
				owned ? Queue.OWNER : Queue.GOVERNANCE, owned ? system.get().owner().id() : null, report.severity(),
				report.details(), openedAt, deadlines.acknowledgeBy(), deadlines.resolveBy(),
				policy.targetFor(report.severity(), report.mandatedAiConcern()), CalendarSnapshot.of(calendar));
		opened.snapshotEscalationChain(system.map(AiSystem::escalationChain).orElse(List.of()));
		opened.queue(this.events.routed(opened));
		try {
			this.cases.insert(opened);
		}
		catch (DuplicateKeyException ex) {
			logger.info("Report {} was routed concurrently; nothing to do", report.reportId());
			return;
		}
		this.relay.wake(opened.getId(), opened.getOutbox());
		this.queues.record(opened);
		this.metrics.routed(opened);
		logger.info("Case {} opened for report {} in the {} queue", opened.getId(), report.reportId(),
				opened.getQueue());
	}

}
