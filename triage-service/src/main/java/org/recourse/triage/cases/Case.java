package org.recourse.triage.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.recourse.triage.outbox.OutboxEvent;
import org.recourse.triage.sla.BusinessCalendar;
import org.recourse.triage.sla.CalendarSnapshot;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaTarget;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A case: the unit of accountability. {@code reportId} is unique, which is what makes
 * routing idempotent: a redelivered report cannot create a second case. The SLA target
 * and the calendar are snapshotted when the case opens, so later policy edits never move
 * an open case's deadlines. Every change goes through {@link CaseLifecycle}, appends an
 * {@link AuditEntry} and queues its event in the same document, and is saved with an
 * optimistic version check, so of two owners acting at once one wins and the other is
 * told.
 */
@Document("cases")
public class Case {

	@Id
	private String id;

	@Indexed(unique = true)
	private String reportId;

	private String reporterRef;

	private Queue queue;

	private String ownerId;

	private CaseState state;

	private Severity severity;

	private ReportDetails report;

	private Instant openedAt;

	private Instant acknowledgeBy;

	private Instant resolveBy;

	private Instant acknowledgedAt;

	private Instant resolvedAt;

	private Instant pausedAt;

	private SlaTarget slaTarget;

	private CalendarSnapshot calendar;

	private CaseResolution resolution;

	private List<ReporterMessage> conversation = new ArrayList<>();

	private List<AuditEntry> audit = new ArrayList<>();

	private List<OutboxEvent> outbox = new ArrayList<>();

	@Indexed
	private boolean outboxPending;

	@Version
	private Long version;

	protected Case() {
	}

	public Case(String id, String reportId, String reporterRef, Queue queue, String ownerId, Severity severity,
			ReportDetails report, Instant openedAt, Instant acknowledgeBy, Instant resolveBy, SlaTarget slaTarget,
			CalendarSnapshot calendar) {
		this.id = id;
		this.reportId = reportId;
		this.reporterRef = reporterRef;
		this.queue = queue;
		this.ownerId = ownerId;
		this.state = CaseState.ROUTED;
		this.severity = severity;
		this.report = report;
		this.openedAt = openedAt;
		this.acknowledgeBy = acknowledgeBy;
		this.resolveBy = resolveBy;
		this.slaTarget = slaTarget;
		this.calendar = calendar;
		this.audit.add(new AuditEntry(UUID.randomUUID().toString(), openedAt, "system", "ROUTE", CaseState.NEW.name(),
				CaseState.ROUTED.name(), (queue == Queue.OWNER) ? "Routed to the accountable owner " + ownerId
						: "No accountable owner for this AI system: governance queue"));
	}

	public void acknowledge(String actor, Instant at) {
		transition(CaseAction.ACKNOWLEDGE, actor, null, at);
		if (this.acknowledgedAt == null) {
			this.acknowledgedAt = at;
		}
	}

	public void ask(String actor, String question, Instant at) {
		transition(CaseAction.ASK, actor, question, at);
		this.pausedAt = at;
	}

	public void recordProgress(String actor, String note, Instant at) {
		transition(CaseAction.RECORD_PROGRESS, actor, note, at);
	}

	public void reassign(String actor, String toOwnerId, String reason, Instant at) {
		if (toOwnerId.equals(this.ownerId)) {
			throw new TransitionRefusedException("The case is already with " + toOwnerId + ".");
		}
		transition(CaseAction.REASSIGN, actor, "to " + toOwnerId + ": " + reason, at);
		this.ownerId = toOwnerId;
		this.queue = Queue.OWNER;
	}

	public void resolve(String actor, CaseResolution resolution, Instant at) {
		transition(CaseAction.RESOLVE, actor, resolution.verdict() + ", " + resolution.resolution(), at);
		this.resolution = resolution;
		this.resolvedAt = at;
		this.pausedAt = null;
	}

	/** Reopens after a contest; the resolution clock starts again from now. */
	public void reopen(String actor, String reason, Instant at) {
		boolean contested = this.conversation.stream()
			.anyMatch((message) -> message.kind() == ReporterMessage.Kind.CONTEST && this.resolvedAt != null
					&& !message.at().isBefore(this.resolvedAt));
		if (this.state == CaseState.RESOLVED && !contested) {
			throw new TransitionRefusedException(
					"A case is reopened when the reporter contests the outcome; they have not.");
		}
		transition(CaseAction.REOPEN, actor, reason, at);
		BusinessCalendar calendar = this.calendar.toCalendar();
		this.resolveBy = this.slaTarget.businessTime() ? calendar.plusBusinessTime(at, this.slaTarget.resolve())
				: at.plus(this.slaTarget.resolve());
		this.resolvedAt = null;
	}

	/**
	 * Keeps what the reporter wrote. An answer while the case waits for one runs the
	 * clocks again, every open deadline moved forward by the pause; returns whether that
	 * happened.
	 */
	public boolean reporterWrote(ReporterMessage message, Instant at) {
		this.conversation.add(message);
		if (message.kind() == ReporterMessage.Kind.CONTEST) {
			this.audit.add(new AuditEntry(UUID.randomUUID().toString(), at, "reporter", "CONTEST", this.state.name(),
					this.state.name(), "The reporter contested the outcome"));
			return false;
		}
		CaseState from = this.state;
		transition(CaseAction.REPORTER_ANSWERED, "reporter", null, at);
		if (from != CaseState.WAITING_FOR_REPORTER || this.pausedAt == null) {
			return false;
		}
		BusinessCalendar calendar = this.calendar.toCalendar();
		if (this.acknowledgedAt == null) {
			this.acknowledgeBy = this.slaTarget.shift(this.acknowledgeBy, this.pausedAt, at, calendar);
		}
		this.resolveBy = this.slaTarget.shift(this.resolveBy, this.pausedAt, at, calendar);
		this.pausedAt = null;
		return true;
	}

	public void queue(OutboxEvent event) {
		this.outbox.add(event);
		this.outboxPending = true;
	}

	private void transition(CaseAction action, String actor, String reason, Instant at) {
		CaseState from = this.state;
		this.state = CaseLifecycle.next(from, action);
		this.audit.add(new AuditEntry(UUID.randomUUID().toString(), at, actor, action.name(), from.name(),
				this.state.name(), reason));
	}

	public String getId() {
		return this.id;
	}

	public String getReportId() {
		return this.reportId;
	}

	public String getReporterRef() {
		return this.reporterRef;
	}

	public Queue getQueue() {
		return this.queue;
	}

	public String getOwnerId() {
		return this.ownerId;
	}

	public CaseState getState() {
		return this.state;
	}

	public Severity getSeverity() {
		return this.severity;
	}

	public ReportDetails getReport() {
		return this.report;
	}

	public Instant getOpenedAt() {
		return this.openedAt;
	}

	public Instant getAcknowledgeBy() {
		return this.acknowledgeBy;
	}

	public Instant getResolveBy() {
		return this.resolveBy;
	}

	public Instant getAcknowledgedAt() {
		return this.acknowledgedAt;
	}

	public Instant getResolvedAt() {
		return this.resolvedAt;
	}

	public Instant getPausedAt() {
		return this.pausedAt;
	}

	public SlaTarget getSlaTarget() {
		return this.slaTarget;
	}

	public CalendarSnapshot getCalendar() {
		return this.calendar;
	}

	public String getCalendarZone() {
		return this.calendar.zone();
	}

	public CaseResolution getResolution() {
		return this.resolution;
	}

	public List<ReporterMessage> getConversation() {
		return this.conversation;
	}

	public List<AuditEntry> getAudit() {
		return this.audit;
	}

	public List<OutboxEvent> getOutbox() {
		return this.outbox;
	}

	public Long getVersion() {
		return this.version;
	}

}
