package org.recourse.triage.cases;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.recourse.triage.outbox.OutboxEvent;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaTarget;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A case: the unit of accountability. {@code reportId} is unique, which is what makes
 * routing idempotent: a redelivered report cannot create a second case. The SLA target
 * and the calendar zone are snapshotted when the case opens, so later policy edits never
 * move an open case's deadlines.
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

	private SlaTarget slaTarget;

	private String calendarZone;

	private List<ReporterMessage> conversation = new ArrayList<>();

	private List<OutboxEvent> outbox = new ArrayList<>();

	@Indexed
	private boolean outboxPending;

	@Version
	private Long version;

	protected Case() {
	}

	public Case(String id, String reportId, String reporterRef, Queue queue, String ownerId, Severity severity,
			ReportDetails report, Instant openedAt, Instant acknowledgeBy, Instant resolveBy, SlaTarget slaTarget,
			String calendarZone) {
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
		this.calendarZone = calendarZone;
	}

	public void queue(OutboxEvent event) {
		this.outbox.add(event);
		this.outboxPending = true;
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

	public SlaTarget getSlaTarget() {
		return this.slaTarget;
	}

	public String getCalendarZone() {
		return this.calendarZone;
	}

	public List<ReporterMessage> getConversation() {
		return this.conversation;
	}

	public List<OutboxEvent> getOutbox() {
		return this.outbox;
	}

}
