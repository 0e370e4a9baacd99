package org.recourse.notification.owners;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseQueue;
import org.recourse.events.CaseReassigned;
import org.recourse.events.CaseRouted;
import org.recourse.events.ReporterAnswerReceived;
import org.recourse.events.Severity;
import org.recourse.events.SlaClock;
import org.recourse.events.SlaWarning;

/**
 * Case events as triage publishes them, happening now, and the staff directory the tests
 * use: alice (e-mail and a working webhook), bob (e-mail only), carol (digest), erin (a
 * webhook that always fails) and the compliance team.
 */
final class StaffNoticeMother {

	/** What a reporter wrote: must never reach staff notices. */
	static final String REPORT_TEXT = "Candidates over 50 are a poor cultural fit";

	private StaffNoticeMother() {
	}

	static String directory(WebhookServer hooks) {
		return "[" + String.join(",", entry("alice.owner", "alice@staff.example", hooks.url("/ok/alice"), false),
				entry("bob.owner", "bob@staff.example", null, false),
				entry("carol.owner", "carol@staff.example", null, true),
				entry("erin.deputy", "erin@staff.example", hooks.url("/broken/erin"), false),
				entry("compliance", "compliance@staff.example", null, false)) + "]";
	}

	private static String entry(String id, String email, java.net.URI webhook, boolean digest) {
		return "{\"id\":\"" + id + "\",\"email\":\"" + email + "\",\"digest\":" + digest + ",\"zone\":\"Europe/Berlin\""
				+ ((webhook != null) ? ",\"webhookUrl\":\"" + webhook + "\"" : "") + "}";
	}

	static CaseRouted routed(String ownerId) {
		return CaseRouted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(now())
			.setReportId(UUID.randomUUID())
			.setCaseId(UUID.randomUUID().toString())
			.setReporterRef("ref-" + UUID.randomUUID())
			.setAiSystemId("hr-assistant")
			.setQueue((ownerId != null) ? CaseQueue.OWNER : CaseQueue.GOVERNANCE)
			.setOwnerId(ownerId)
			.setSeverity(Severity.HIGH)
			.setAcknowledgeBy(now().plus(1, ChronoUnit.DAYS))
			.setResolveBy(now().plus(10, ChronoUnit.DAYS))
			.build();
	}

	static CaseReassigned reassigned(CaseRouted routed, String toOwnerId) {
		return new CaseReassigned(UUID.randomUUID(), now(), routed.getReportId(), routed.getCaseId(), "alice.owner",
				routed.getOwnerId(), toOwnerId, "Bob knows this system: " + REPORT_TEXT);
	}

	static ReporterAnswerReceived answered(CaseRouted routed) {
		return new ReporterAnswerReceived(UUID.randomUUID(), now(), routed.getReportId(), routed.getCaseId(), "system",
				routed.getAcknowledgeBy().plus(1, ChronoUnit.HOURS), routed.getResolveBy().plus(1, ChronoUnit.HOURS));
	}

	static SlaWarning warning(CaseRouted routed) {
		return new SlaWarning(UUID.randomUUID(), now(), routed.getReportId(), routed.getCaseId(), "system",
				SlaClock.FIRST_RESPONSE, routed.getAcknowledgeBy());
	}

	static CaseEscalated escalated(CaseRouted routed, String to, int level) {
		return new CaseEscalated(UUID.randomUUID(), now(), routed.getReportId(), routed.getCaseId(), "system",
				SlaClock.FIRST_RESPONSE, level, to, routed.getAcknowledgeBy());
	}

	static String key(CaseRouted routed) {
		return routed.getReportId().toString();
	}

	private static Instant now() {
		return Instant.now().truncatedTo(ChronoUnit.MILLIS);
	}

}
