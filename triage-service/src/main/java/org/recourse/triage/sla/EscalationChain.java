package org.recourse.triage.sla;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The escalation chain a case climbs: level 0 is whoever holds the case when it opens
 * (the owner, or the governance queue), then the AI system's registry chain in order
 * (deputy, …), and compliance always at the top (DESIGN.md section 1: the last level of
 * escalation).
 */
public final class EscalationChain {

	public static final String COMPLIANCE = "compliance";

	public static final String GOVERNANCE = "governance";

	private EscalationChain() {
	}

	/**
	 * {@code holder} is the owner's staff id, or {@code null} for the governance queue.
	 */
	public static List<String> of(String holder, List<String> registryChain) {
		Set<String> levels = new LinkedHashSet<>();
		levels.add((holder != null) ? holder : GOVERNANCE);
		if (registryChain != null) {
			registryChain.stream()
				.filter((member) -> member != null && !member.isBlank() && !member.equals(COMPLIANCE))
				.forEach(levels::add);
		}
		levels.add(COMPLIANCE);
		return List.copyOf(new ArrayList<>(levels));
	}

}
