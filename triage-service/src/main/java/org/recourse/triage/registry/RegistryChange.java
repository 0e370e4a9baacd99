package org.recourse.triage.registry;

import java.time.Instant;
import java.util.List;

/**
 * One audited change of the registry: who, when, why, and each field from → to. Staff
 * data only.
 */
public record RegistryChange(Instant at, String actor, String reason, List<FieldChange> changes) {

	/** One field of an AI system, before and after. */
	public record FieldChange(String field, String from, String to) {
	}

}
