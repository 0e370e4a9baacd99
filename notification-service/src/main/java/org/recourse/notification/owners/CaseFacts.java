package org.recourse.notification.owners;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * What this service remembers of a case to address and word staff notices (triage's SLA
 * events name only the case): its AI system, severity, current owner (null while in the
 * governance queue) and deadlines. Keyed by case id; no reporter reference.
 */
@Document("staff_cases")
record CaseFacts(@Id String caseId, String reportId, String aiSystemId, String severity, String ownerId,
		boolean acknowledged, Instant acknowledgeBy, Instant resolveBy) {

	static final String COMPLIANCE = "compliance";

	/**
	 * Who is accountable now: the owner, or the compliance team for the governance queue.
	 */
	String accountable() {
		return (this.ownerId != null) ? this.ownerId : COMPLIANCE;
	}

	/**
	 * The deadline that matters next: acknowledgement until acknowledged, then
	 * resolution.
	 */
	Instant nextDue() {
		return this.acknowledged ? this.resolveBy : this.acknowledgeBy;
	}

}
