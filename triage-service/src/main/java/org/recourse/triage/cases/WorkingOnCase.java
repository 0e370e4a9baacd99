package org.recourse.triage.cases;

import java.time.Clock;
import java.time.Instant;
import java.util.function.BiFunction;

import org.recourse.events.deadletter.UnprocessableEventException;
import org.recourse.events.outbox.OutboxEvent;
import org.recourse.events.outbox.OutboxRelay;
import org.recourse.triage.metrics.CaseMetrics;
import org.recourse.triage.sla.SeriousIncident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The owner's actions on a case (and the regulatory track of a potential serious
 * incident), and the reporter's answers arriving from intake. Each is one read, one
 * decision by the case itself and one targeted write of what changed (its fields, the new
 * audit entry and outgoing event) guarded by the version read: of two owners acting at
 * once, one wins and the other gets {@link StaleCaseException}, and events the relay
 * published meanwhile are never queued again. The queue's index follows the write.
 */
@Service
public class WorkingOnCase {

	private static final Logger logger = LoggerFactory.getLogger(WorkingOnCase.class);

	private static final int SYSTEM_ATTEMPTS = 5;

	private final CaseStore cases;

	private final QueueIndex queues;

	private final CaseEventsOutbox events;

	private final OutboxRelay relay;

	private final Clock clock;

	private final CaseMetrics metrics;

	WorkingOnCase(CaseStore cases, QueueIndex queues, CaseEventsOutbox events, OutboxRelay relay, Clock clock,
			CaseMetrics metrics) {
		this.cases = cases;
		this.queues = queues;
		this.events = events;
		this.relay = relay;
		this.clock = clock;
		this.metrics = metrics;
	}

	public Case acknowledge(String caseId, long version, String actor) {
		Case acknowledged = change(caseId, version, (found, at) -> {
			found.acknowledge(actor, at);
			return this.events.acknowledged(found, actor, at);
		});
		this.metrics.acknowledged(acknowledged);
		return acknowledged;
	}

	public Case ask(String caseId, long version, String actor, String question) {
		return change(caseId, version, (found, at) -> {
			found.ask(actor, question, at);
			return this.events.informationRequested(found, actor, question, at);
		});
	}

	public Case recordProgress(String caseId, long version, String actor, String note) {
		return change(caseId, version, (found, at) -> {
			found.recordProgress(actor, note, at);
			return null;
		});
	}

	public Case reassign(String caseId, long version, String actor, String toOwnerId, String reason) {
		return change(caseId, version, (found, at) -> {
			String from = found.getOwnerId();
			found.reassign(actor, toOwnerId, reason, at);
			return this.events.reassigned(found, actor, from, reason, at);
		});
	}

	public Case resolve(String caseId, long version, String actor, CaseResolution resolution) {
		Case resolved = change(caseId, version, (found, at) -> {
			found.resolve(actor, resolution, at);
			return this.events.resolved(found, actor, at);
		});
		this.metrics.resolved(resolved);
		return resolved;
	}

	public Case reopen(String caseId, long version, String actor, String reason) {
		Case reopened = change(caseId, version, (found, at) -> {
			found.reopen(actor, reason, at);
			return this.events.reopened(found, actor, reason, at);
		});
		this.metrics.reopened(reopened);
		return reopened;
	}

	public Case flagSeriousIncident(String caseId, long version, String actor, SeriousIncident kind, Instant awareAt,
			String reason) {
		Case flagged = change(caseId, version, (found, at) -> {
			found.flagSeriousIncident(actor, kind, awareAt, reason, at);
			return this.events.seriousIncidentFlagged(found, actor, reason, at);
		});
		this.metrics.seriousIncidentFlagged(flagged);
		return flagged;
	}

	public Case fileRegulatoryReport(String caseId, long version, String actor, String reference, Instant filedAt) {
		Case filed = change(caseId, version, (found, at) -> {
			found.regulatoryReportFiled(actor, reference, filedAt, at);
			return this.events.regulatoryReportFiled(found, actor, at);
		});
		this.metrics.regulatoryReportFiled(filed);
		return filed;
	}

	/**
	 * Keeps a reporter's message on its case, once; an answer to a question resumes the
	 * paused clocks. A message for a report without a case cannot be (a reporter answers
	 * a question or contests an outcome, both of an existing case), so it is refused as
	 * unprocessable and dead-lettered at once with that reason.
	 */
	public void reporterWrote(String reportId, ReporterMessage message) {
		for (int attempt = 1;; attempt++) {
			Case found = this.cases.findByReportId(reportId)
				.orElseThrow(() -> new UnprocessableEventException("No case for report " + reportId));
			if (found.getConversation().stream().anyMatch((seen) -> seen.eventId().equals(message.eventId()))) {
				return;
			}
			Instant now = this.clock.instant();
			CaseChanges changes = CaseChanges.of(found);
			if (found.reporterWrote(message, now)) {
				found.queue(this.events.answerReceived(found, now));
			}
			if (saved(changes)) {
				if (message.kind() == ReporterMessage.Kind.CONTEST) {
					this.metrics.contested(found);
				}
				return;
			}
			if (attempt == SYSTEM_ATTEMPTS) {
				throw new OptimisticLockingFailureException("Case " + found.getId() + " kept changing");
			}
			logger.info("Case {} changed while recording a reporter message; trying again", found.getId());
		}
	}

	private Case change(String caseId, long expectedVersion, BiFunction<Case, Instant, OutboxEvent> change) {
		Case found = this.cases.findById(caseId).orElseThrow(() -> new CaseNotFoundException(caseId));
		if (found.getVersion() == null || found.getVersion() != expectedVersion) {
			throw new StaleCaseException();
		}
		CaseChanges changes = CaseChanges.of(found);
		OutboxEvent event = change.apply(found, this.clock.instant());
		if (event != null) {
			found.queue(event);
		}
		if (!saved(changes)) {
			throw new StaleCaseException();
		}
		return found;
	}

	private boolean saved(CaseChanges changes) {
		Case changed = changes.changed();
		boolean archived = CaseStore.ARCHIVE.equals(changed.storedIn());
		if (!this.cases.save(changes)) {
			return false;
		}
		this.relay.wake(changed.getId(), changes.events());
		if (!archived) {
			this.queues.record(changed, changes.queueBefore());
		}
		return true;
	}

	/** No case with that id (or none the caller may see). */
	public static class CaseNotFoundException extends RuntimeException {

		CaseNotFoundException(String caseId) {
			super("No such case");
		}

	}

	/** Someone else changed the case since the caller read it. */
	public static class StaleCaseException extends RuntimeException {

		StaleCaseException() {
			super("Someone else changed this case since you loaded it. Reload it and try again.");
		}

	}

}
