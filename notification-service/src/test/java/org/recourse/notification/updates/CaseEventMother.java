package org.recourse.notification.updates;

import java.time.Instant;
import java.util.UUID;

import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseQueue;
import org.recourse.events.CaseRouted;
import org.recourse.events.Severity;
import org.recourse.events.SlaClock;

/**
 * Case events as triage would publish them: a case opened on Tue 9 June 2026 at 09:00
 * UTC, to be acknowledged by Wed 10 June 09:00 UTC.
 */
final class CaseEventMother {

	static final Instant ACKNOWLEDGE_BY = Instant.parse("2026-06-10T09:00:00Z");

	private CaseEventMother() {
	}

	static CaseRouted routedToOwner() {
		return routed(CaseQueue.OWNER, "hr-assistant", "alice.owner");
	}

	static CaseRouted routedToGovernance() {
		return routed(CaseQueue.GOVERNANCE, "finance-forecaster", null);
	}

	static String key(CaseRouted event) {
		return event.getReportId().toString();
	}

	/** The case missed its first-response deadline and went to the owner's deputy. */
	static CaseEscalated escalatedToDeputy() {
		return new CaseEscalated(UUID.randomUUID(), Instant.parse("2026-06-10T09:00:00Z"), UUID.randomUUID(),
				UUID.randomUUID().toString(), "system", SlaClock.FIRST_RESPONSE, 1, "dan.deputy", ACKNOWLEDGE_BY);
	}

	private static CaseRouted routed(CaseQueue queue, String aiSystemId, String ownerId) {
		return CaseRouted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(Instant.parse("2026-06-09T09:00:00Z"))
			.setReportId(UUID.randomUUID())
			.setCaseId(UUID.randomUUID().toString())
			.setReporterRef("ref-" + UUID.randomUUID())
			.setAiSystemId(aiSystemId)
			.setQueue(queue)
			.setOwnerId(ownerId)
			.setSeverity(Severity.HIGH)
			.setAcknowledgeBy(ACKNOWLEDGE_BY)
			.setResolveBy(Instant.parse("2026-06-23T09:00:00Z"))
			.build();
	}

}
