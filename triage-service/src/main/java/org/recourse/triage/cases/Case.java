package org.recourse.triage.cases;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.recourse.events.outbox.OutboxEvent;
import org.recourse.triage.sla.BusinessCalendar;
import org.recourse.triage.sla.CalendarSnapshot;
import org.recourse.triage.sla.EscalationChain;
import org.recourse.triage.sla.RunningClock;
import org.recourse.triage.sla.SeriousIncident;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaClock;
import org.recourse.triage.sla.SlaStep;
import org.recourse.triage.sla.SlaTarget;
import org.recourse.triage.sla.SlaWatch;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Transient;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A case: the unit of accountability. {@code reportId} is unique, which is what makes
 * routing idempotent: a redelivered report cannot create a second case. The SLA target
 * and the calendar are snapshotted when the case opens, so later policy edits never move
 * an open case's deadlines. Every change goes through {@link CaseLifecycle}, appends an
 * {@link AuditEntry} and queues its event in the same document, and is saved with an
 * optimistic version check, so of two owners acting at once one wins and the other is
 * told. {@code nextCheckAt} is when the SLA clocks next need a look (a warning, a breach,
 * the next escalation); it is {@code null} while nothing can happen, so the scanner's
 * indexed query only ever reads cases that are due.
 */
@Document("cases")
@CompoundIndex(name = "id_version", def = "{'_id': 1, 'version': 1}", unique = true)
@CompoundIndex(name = "audit_at", def = "{'audit.at': 1}")
// the outbox relay's sweep: pending documents, oldest first (the index gives the
// filter and the order)
@CompoundIndex(name = "outbox_sweep", def = "{'outboxPending': 1, 'openedAt': 1}")
// a deputy's "escalated to me" list on every queue page they open
@CompoundIndex(name = "escalated_to", def = "{'sla.escalatedTo': 1, 'state': 1}")
public class Case {

	/**
	 * How long after its resolution an uncontested case closes: the reporter's 14 days to
	 * contest, and a day for a contest still on its way.
	 */
	public static final Duration CLOSE_AFTER = Duration.ofDays(15);

	/** Why the scanner closes a case, in its audit entry and its event. */
	public static final String CLOSE_REASON = "Not contested within the window";

	private static final Set<String> REGULATORY_ACTIONS = Set.of(CaseAction.FLAG_SERIOUS_INCIDENT.name(),
			CaseAction.FILE_REGULATORY_REPORT.name());

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

	private SeriousIncident seriousIncident;

	private Instant awareAt;

	private Instant regulatoryReportedAt;

	private String regulatoryReference;

	@Indexed
	private Instant nextCheckAt;

	private SlaWatch sla = new SlaWatch();

	private List<ReporterMessage> conversation = new ArrayList<>();

	private List<AuditEntry> audit = new ArrayList<>();

	private List<OutboxEvent> outbox = new ArrayList<>();

	private boolean outboxPending;

	@Version
	private Long version;

	@Transient
	private String storedIn = CaseStore.WORKING;

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
		rearmClocks(openedAt);
	}

	public void acknowledge(String actor, Instant at) {
		transition(CaseAction.ACKNOWLEDGE, actor, null, at);
		if (this.acknowledgedAt == null) {
			this.acknowledgedAt = at;
		}
		deescalate("Acknowledged by " + actor, at);
		rearmClocks(at);
	}

	public void ask(String actor, String question, Instant at) {
		transition(CaseAction.ASK, actor, question, at);
		this.pausedAt = at;
		rearmClocks(at);
	}

	public void recordProgress(String actor, String note, Instant at) {
		transition(CaseAction.RECORD_PROGRESS, actor, note, at);
		rearmClocks(at);
	}

	public void reassign(String actor, String toOwnerId, String reason, Instant at) {
		if (toOwnerId.equals(this.ownerId)) {
			throw new TransitionRefusedException("The case is already with " + toOwnerId + ".");
		}
		transition(CaseAction.REASSIGN, actor, "to " + toOwnerId + ": " + reason, at);
		this.ownerId = toOwnerId;
		this.queue = Queue.OWNER;
		rearmClocks(at);
	}

	public void resolve(String actor, CaseResolution resolution, Instant at) {
		transition(CaseAction.RESOLVE, actor, resolution.verdict() + ", " + resolution.resolution(), at);
		this.resolution = resolution;
		this.resolvedAt = at;
		this.pausedAt = null;
		deescalate("Resolved by " + actor, at);
		rearmClocks(at);
	}

	/** Reopens after a contest; the resolution clock starts again from now. */
	public void reopen(String actor, String reason, Instant at) {
		if (this.state == CaseState.RESOLVED && !contestedSinceResolution()) {
			throw new TransitionRefusedException(
					"A case is reopened when the reporter contests the outcome; they have not.");
		}
		transition(CaseAction.REOPEN, actor, reason, at);
		BusinessCalendar calendar = this.calendar.toCalendar();
		this.resolveBy = this.slaTarget.businessTime() ? calendar.plusBusinessTime(at, this.slaTarget.resolve())
				: at.plus(this.slaTarget.resolve());
		this.resolvedAt = null;
		this.sla.restart(SlaClock.RESOLUTION);
		rearmClocks(at);
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
			rearmClocks(at);
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
		rearmClocks(at);
		return true;
	}

	/**
	 * Looks at the SLA clocks at {@code now}: warns once per clock, escalates one level
	 * on a breach and again every {@code escalationInterval} while it stays breached, and
	 * hands back a de-escalation still to announce. Every step is already applied and
	 * audited (actor {@code system}); the caller queues its event.
	 */
	public List<SlaStep> checkSla(Instant now, Duration escalationInterval) {
		if (!this.sla.hasChain()) {
			snapshotEscalationChain(List.of());
		}
		List<RunningClock> running = runningClocks();
		List<SlaStep> steps = this.sla.check(running, now, escalationInterval);
		steps.stream().filter((step) -> !(step instanceof SlaStep.Deescalation)).forEach(this::audit);
		rearmClocks(now);
		return steps;
	}

	/**
	 * Closes a resolved case nobody contested within {@link #CLOSE_AFTER}; returns
	 * whether it closed. A closed case is due at once, for its move to the archive.
	 */
	public boolean closeIfDue(Instant now) {
		boolean regulatoryOpen = this.seriousIncident != null && this.regulatoryReportedAt == null;
		if (this.state != CaseState.RESOLVED || contestedSinceResolution() || regulatoryOpen
				|| now.isBefore(this.resolvedAt.plus(CLOSE_AFTER))) {
			return false;
		}
		transition(CaseAction.CLOSE, "system", CLOSE_REASON, now);
		rearmClocks(now);
		return true;
	}

	private boolean contestedSinceResolution() {
		return this.conversation.stream()
			.anyMatch((message) -> message.kind() == ReporterMessage.Kind.CONTEST && this.resolvedAt != null
					&& !message.at().isBefore(this.resolvedAt));
	}

	/**
	 * Copies the AI system's escalation chain onto the case, so later registry edits
	 * don't change whom an open case escalates to.
	 */
	public void snapshotEscalationChain(List<String> registryChain) {
		this.sla.snapshotChain(EscalationChain.of((this.queue == Queue.OWNER) ? this.ownerId : null, registryChain));
	}

	public boolean hasEscalationChain() {
		return this.sla.hasChain();
	}

	/**
	 * Flags the case as a potential serious incident the provider became aware of at
	 * {@code awareAt}: the regulatory reporting clock starts, in calendar time, and runs
	 * until the report is filed, whatever the case's state or pauses. Possible on any
	 * case not yet closed, once.
	 */
	public void flagSeriousIncident(String actor, SeriousIncident kind, Instant awareAt, String reason, Instant at) {
		if (this.seriousIncident != null) {
			throw new TransitionRefusedException("This case is already flagged as a potential serious incident ("
					+ kind(this.seriousIncident) + ", report due " + getRegulatoryReportDueAt() + ").");
		}
		transition(CaseAction.FLAG_SERIOUS_INCIDENT, actor, kind.name() + ", aware since " + awareAt
				+ ": report to the authority by " + kind.reportDueAt(awareAt) + ". " + reason, at);
		this.seriousIncident = kind;
		this.awareAt = awareAt;
		rearmClocks(at);
	}

	/**
	 * The report to the authority was filed at {@code filedAt} (the authority's reference
	 * kept): the regulatory clock stops, and a resolved case may close. An escalation
	 * that only this clock kept up comes down.
	 */
	public void regulatoryReportFiled(String actor, String reference, Instant filedAt, Instant at) {
		if (this.seriousIncident == null || this.regulatoryReportedAt != null) {
			throw new TransitionRefusedException((this.seriousIncident == null)
					? "Only a case flagged as a potential serious incident takes a regulatory report; flag it first."
					: "The regulatory report of this case was already recorded (" + this.regulatoryReference + ").");
		}
		Instant due = getRegulatoryReportDueAt();
		transition(CaseAction.FILE_REGULATORY_REPORT, actor, "Reported to the authority at " + filedAt
				+ (filedAt.isAfter(due) ? ", after the due time " : ", due ") + due + "; reference " + reference, at);
		this.regulatoryReportedAt = filedAt;
		this.regulatoryReference = reference;
		if (!this.sla.overdue(runningClocks(), at)) {
			deescalate("Regulatory report filed by " + actor, at);
		}
		rearmClocks(at);
	}

	private static String kind(SeriousIncident kind) {
		return kind.name().toLowerCase(Locale.ROOT).replace('_', ' ');
	}

	public SeriousIncident getSeriousIncident() {
		return this.seriousIncident;
	}

	/** When the report to the authority is due; {@code null} unless flagged. */
	public Instant getRegulatoryReportDueAt() {
		return (this.seriousIncident != null) ? this.seriousIncident.reportDueAt(this.awareAt) : null;
	}

	public Instant getRegulatoryReportedAt() {
		return this.regulatoryReportedAt;
	}

	/** When the provider became aware of the incident; {@code null} unless flagged. */
	public Instant getAwareAt() {
		return this.awareAt;
	}

	/** The authority's reference of the filed report; {@code null} until filed. */
	public String getRegulatoryReference() {
		return this.regulatoryReference;
	}

	/**
	 * The clocks running now: the regulatory clock of a flagged case until its report is
	 * filed (never paused); while the case is open and not waiting for the reporter, the
	 * first-response and resolution clocks not yet met, and the update cadence once
	 * acknowledged.
	 */
	private List<RunningClock> runningClocks() {
		List<RunningClock> running = new ArrayList<>();
		if (this.seriousIncident != null && this.regulatoryReportedAt == null) {
			running.add(new RunningClock(SlaClock.REGULATORY, this.seriousIncident.warnAt(this.awareAt),
					this.seriousIncident.reportDueAt(this.awareAt)));
		}
		if (!CaseLifecycle.isOpen(this.state) || this.pausedAt != null) {
			return running;
		}
		BusinessCalendar calendar = this.calendar.toCalendar();
		if (this.acknowledgedAt == null) {
			running.add(new RunningClock(SlaClock.FIRST_RESPONSE,
					this.slaTarget.warnAt(SlaClock.FIRST_RESPONSE, this.acknowledgeBy, calendar), this.acknowledgeBy));
		}
		if (this.resolvedAt == null) {
			running.add(new RunningClock(SlaClock.RESOLUTION,
					this.slaTarget.warnAt(SlaClock.RESOLUTION, this.resolveBy, calendar), this.resolveBy));
		}
		RunningClock cadence = (this.acknowledgedAt != null) ? this.slaTarget.updateCadence(lastUpdate(), calendar)
				: null;
		if (cadence != null) {
			running.add(cadence);
		}
		return running;
	}

	/**
	 * The owner's last update (any action of theirs on the case's work), or the
	 * reporter's last answer, after which the owner has a full cadence again. The
	 * regulatory track (flagging a serious incident, filing its report) is no update for
	 * the reporter.
	 */
	private Instant lastUpdate() {
		return this.audit.stream()
			.filter((entry) -> !"system".equals(entry.actor()) && !REGULATORY_ACTIONS.contains(entry.action()))
			.map(AuditEntry::at)
			.max(Instant::compareTo)
			.orElse(this.acknowledgedAt);
	}

	/**
	 * The next look: whatever the SLA clocks call for, the closing of a resolved case, or
	 * at once for a closed case still to move to the archive.
	 */
	private void rearmClocks(Instant at) {
		Instant clocks = this.sla.nextCheckAt(runningClocks(), at);
		Instant lifecycle = null;
		if (this.state == CaseState.CLOSED) {
			lifecycle = at;
		}
		else if (this.state == CaseState.RESOLVED && !contestedSinceResolution()
				&& (this.seriousIncident == null || this.regulatoryReportedAt != null)) {
			lifecycle = this.resolvedAt.plus(CLOSE_AFTER);
		}
		this.nextCheckAt = (clocks == null || (lifecycle != null && lifecycle.isBefore(clocks))) ? lifecycle : clocks;
	}

	private void deescalate(String why, Instant at) {
		int level = this.sla.getLevel();
		String escalatedTo = this.sla.getEscalatedTo();
		if (this.sla.deescalate(why, at)) {
			this.audit.add(new AuditEntry(UUID.randomUUID().toString(), at, "system", "DEESCALATE", this.state.name(),
					this.state.name(),
					why + ": no longer escalated (was at level " + level + ", " + escalatedTo + ")"));
		}
	}

	private void audit(SlaStep step) {
		String reason;
		String action;
		if (step instanceof SlaStep.Warning warning) {
			action = "SLA_WARNING";
			reason = warning.clock().label() + " clock due at " + warning.dueAt();
		}
		else {
			SlaStep.Escalation escalation = (SlaStep.Escalation) step;
			action = "ESCALATE";
			reason = escalation.clock().label() + " clock breached (due " + escalation.dueAt()
					+ "): escalated to level " + escalation.level() + ", " + escalation.escalatedTo();
		}
		this.audit.add(new AuditEntry(UUID.randomUUID().toString(), step.at(), "system", action, this.state.name(),
				this.state.name(), reason));
	}

	public void queue(OutboxEvent event) {
		this.outbox.add(event);
		this.outboxPending = true;
	}

	private void transition(CaseAction action, String actor, String reason, Instant at) {
		if (action != CaseAction.CLOSE && !action.isRegulatory()) {
			this.sla.restart(SlaClock.UPDATE_CADENCE);
		}
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

	/**
	 * The deadline the owner must meet next: acknowledgement, then resolution; none once
	 * resolved.
	 */
	public Instant getNextDueAt() {
		if (!CaseLifecycle.isOpen(this.state)) {
			return null;
		}
		return (this.acknowledgedAt == null) ? this.acknowledgeBy : this.resolveBy;
	}

	public Instant getNextCheckAt() {
		return this.nextCheckAt;
	}

	public int getEscalationLevel() {
		return this.sla.getLevel();
	}

	public String getEscalatedTo() {
		return this.sla.getEscalatedTo();
	}

	public List<String> getEscalationChain() {
		return this.sla.getChain();
	}

	public Set<SlaClock> getBreachedClocks() {
		return this.sla.getBreached();
	}

	/** The escalation ladder as stored, for writers that update it in place. */
	public SlaWatch getSla() {
		return this.sla;
	}

	public Long getVersion() {
		return this.version;
	}

	/** The collection this case was read from, where a write of it goes. */
	String storedIn() {
		return this.storedIn;
	}

	void storedIn(String collection) {
		this.storedIn = collection;
	}

	/** After a versioned write of this case succeeded. */
	void saved() {
		this.version = (this.version != null) ? this.version + 1 : 0;
	}

}
