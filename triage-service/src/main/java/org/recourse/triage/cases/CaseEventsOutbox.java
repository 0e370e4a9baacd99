package org.recourse.triage.cases;

import java.time.Instant;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.recourse.events.CaseAcknowledged;
import org.recourse.events.CaseClosed;
import org.recourse.events.CaseDeescalated;
import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseQueue;
import org.recourse.events.CaseReassigned;
import org.recourse.events.CaseReopened;
import org.recourse.events.CaseResolved;
import org.recourse.events.CaseRouted;
import org.recourse.events.HarmConfirmed;
import org.recourse.events.InformationRequested;
import org.recourse.events.RegulatoryReportFiled;
import org.recourse.events.ReporterAnswerReceived;
import org.recourse.events.Resolution;
import org.recourse.events.SeriousIncidentCategory;
import org.recourse.events.SeriousIncidentFlagged;
import org.recourse.events.SlaClock;
import org.recourse.events.SlaWarning;
import org.recourse.events.Verdict;
import org.recourse.events.serde.AvroEventSerializer;
import org.recourse.events.outbox.OutboxEvent;
import org.recourse.triage.sla.SlaStep;

import org.springframework.stereotype.Component;

/**
 * The one place that knows where case events go: {@value #CASES}, keyed by report id so
 * that everything about one report stays in order on one partition; also the mapping from
 * a case to each lifecycle event.
 */
@Component
public class CaseEventsOutbox {

	static final String CASES = "recourse.cases";

	private static final String SYSTEM = "system";

	private final AvroEventSerializer serializer = new AvroEventSerializer();

	public OutboxEvent routed(Case routed) {
		UUID id = UUID.randomUUID();
		return encode(routed, id,
				CaseRouted.newBuilder()
					.setEventId(id)
					.setOccurredAt(routed.getOpenedAt())
					.setReportId(UUID.fromString(routed.getReportId()))
					.setCaseId(routed.getId())
					.setReporterRef(routed.getReporterRef())
					.setAiSystemId(routed.getReport().aiSystemId())
					.setQueue(CaseQueue.valueOf(routed.getQueue().name()))
					.setOwnerId(routed.getOwnerId())
					.setSeverity(org.recourse.events.Severity.valueOf(routed.getSeverity().name()))
					.setAcknowledgeBy(routed.getAcknowledgeBy())
					.setResolveBy(routed.getResolveBy())
					.build());
	}

	OutboxEvent acknowledged(Case acknowledged, String actor, Instant at) {
		UUID id = UUID.randomUUID();
		return encode(acknowledged, id,
				new CaseAcknowledged(id, at, reportId(acknowledged), acknowledged.getId(), actor));
	}

	OutboxEvent informationRequested(Case asked, String actor, String question, Instant at) {
		UUID id = UUID.randomUUID();
		return encode(asked, id, new InformationRequested(id, at, reportId(asked), asked.getId(), actor, question));
	}

	OutboxEvent answerReceived(Case answered, Instant at) {
		UUID id = UUID.randomUUID();
		return encode(answered, id, new ReporterAnswerReceived(id, at, reportId(answered), answered.getId(), "reporter",
				answered.getAcknowledgeBy(), answered.getResolveBy()));
	}

	OutboxEvent reassigned(Case reassigned, String actor, String fromOwnerId, String reason, Instant at) {
		UUID id = UUID.randomUUID();
		return encode(reassigned, id, new CaseReassigned(id, at, reportId(reassigned), reassigned.getId(), actor,
				fromOwnerId, reassigned.getOwnerId(), reason));
	}

	OutboxEvent resolved(Case resolved, String actor, Instant at) {
		UUID id = UUID.randomUUID();
		CaseResolution resolution = resolved.getResolution();
		return encode(resolved, id, new CaseResolved(id, at, reportId(resolved), resolved.getId(), actor,
				Verdict.valueOf(resolution.verdict().name()), HarmConfirmed.valueOf(resolution.harmConfirmed().name()),
				resolution.rootCause(), Resolution.valueOf(resolution.resolution().name()), resolution.resolutionNote(),
				resolution.summaryForReporter()));
	}

	OutboxEvent reopened(Case reopened, String actor, String reason, Instant at) {
		UUID id = UUID.randomUUID();
		return encode(reopened, id, new CaseReopened(id, at, reportId(reopened), reopened.getId(), actor, reason));
	}

	OutboxEvent seriousIncidentFlagged(Case flagged, String actor, String reason, Instant at) {
		UUID id = UUID.randomUUID();
		return encode(flagged, id, new SeriousIncidentFlagged(id, at, reportId(flagged), flagged.getId(), actor,
				category(flagged), flagged.getAwareAt(), flagged.getRegulatoryReportDueAt(), reason));
	}

	OutboxEvent regulatoryReportFiled(Case filed, String actor, Instant at) {
		UUID id = UUID.randomUUID();
		return encode(filed, id,
				new RegulatoryReportFiled(id, at, reportId(filed), filed.getId(), actor, category(filed),
						filed.getRegulatoryReportedAt(), filed.getRegulatoryReportDueAt(),
						filed.getRegulatoryReference()));
	}

	/** The event announcing that a resolved case closed (the scanner closes it). */
	public OutboxEvent closed(Case closed, Instant at) {
		UUID id = UUID.randomUUID();
		return encode(closed, id, new CaseClosed(id, at, reportId(closed), closed.getId(), SYSTEM,
				closed.getResolvedAt(), Case.CLOSE_REASON));
	}

	private static SeriousIncidentCategory category(Case flagged) {
		return SeriousIncidentCategory.valueOf(flagged.getSeriousIncident().name());
	}

	/** The event announcing an SLA step: a warning, an escalation or a de-escalation. */
	public OutboxEvent slaStep(Case checked, SlaStep step) {
		UUID id = UUID.randomUUID();
		if (step instanceof SlaStep.Warning warning) {
			return encode(checked, id, new SlaWarning(id, warning.at(), reportId(checked), checked.getId(), SYSTEM,
					SlaClock.valueOf(warning.clock().name()), warning.dueAt()));
		}
		if (step instanceof SlaStep.Escalation escalation) {
			return encode(checked, id,
					new CaseEscalated(id, escalation.at(), reportId(checked), checked.getId(), SYSTEM,
							SlaClock.valueOf(escalation.clock().name()), escalation.level(), escalation.escalatedTo(),
							escalation.dueAt()));
		}
		SlaStep.Deescalation deescalation = (SlaStep.Deescalation) step;
		return encode(checked, id, new CaseDeescalated(id, deescalation.at(), reportId(checked), checked.getId(),
				SYSTEM, deescalation.fromLevel(), deescalation.reason()));
	}

	private static UUID reportId(Case found) {
		return UUID.fromString(found.getReportId());
	}

	private OutboxEvent encode(Case about, UUID eventId, SpecificRecord event) {
		return new OutboxEvent(eventId.toString(), CASES, about.getReportId(), this.serializer.serialize(CASES, event),
				Instant.now());
	}

}
