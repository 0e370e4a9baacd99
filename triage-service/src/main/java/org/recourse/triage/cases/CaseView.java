package org.recourse.triage.cases;

import java.time.Instant;
import java.util.List;

import org.recourse.triage.sla.SeriousIncident;

/**
 * A case as the owner and compliance see it: the report as filed, the deadlines, where it
 * stands on its escalation chain, the conversation and the audit trail, and the
 * regulatory track when the case is flagged as a potential serious incident. The reporter
 * reference is deliberately not part of it.
 */
record CaseView(String id, String reportId, long version, String state, String queue, String ownerId, String severity,
		Instant openedAt, Instant acknowledgeBy, Instant resolveBy, Instant acknowledgedAt, Instant resolvedAt,
		boolean clockPaused, ReportDetails report, CaseResolution resolution, List<ReporterMessage> conversation,
		List<AuditEntry> audit, int escalationLevel, String escalatedTo, Instant nextCheckAt, Instant nextDueAt,
		boolean breached, SeriousIncidentView seriousIncident) {

	static CaseView of(Case found) {
		return new CaseView(found.getId(), found.getReportId(), (found.getVersion() != null) ? found.getVersion() : 0,
				found.getState().name(), found.getQueue().name(), found.getOwnerId(), found.getSeverity().name(),
				found.getOpenedAt(), found.getAcknowledgeBy(), found.getResolveBy(), found.getAcknowledgedAt(),
				found.getResolvedAt(), found.getPausedAt() != null, found.getReport(), found.getResolution(),
				found.getConversation(), found.getAudit(), found.getEscalationLevel(), found.getEscalatedTo(),
				found.getNextCheckAt(), found.getNextDueAt(), !found.getBreachedClocks().isEmpty(),
				SeriousIncidentView.of(found));
	}

	/**
	 * The regulatory track of a potential serious incident: its deadline class, since
	 * when the provider knows, when the report is due and when it was filed, with what
	 * reference; {@code null} unless the case is flagged.
	 */
	record SeriousIncidentView(SeriousIncident category, Instant awareAt, Instant reportDueAt, Instant reportedAt,
			String reference) {

		static SeriousIncidentView of(Case found) {
			return (found.getSeriousIncident() != null) ? new SeriousIncidentView(found.getSeriousIncident(),
					found.getAwareAt(), found.getRegulatoryReportDueAt(), found.getRegulatoryReportedAt(),
					found.getRegulatoryReference()) : null;
		}

	}

}
