package org.recourse.triage.sla;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EscalationChainTests {

	@Test
	void startsWithTheOwnerAndEndsWithCompliance() {
		assertThat(EscalationChain.of("alice.owner", List.of("alice.owner", "dan.deputy", "compliance")))
			.containsExactly("alice.owner", "dan.deputy", "compliance");
	}

	@Test
	void putsComplianceOnTopOfAChainThatForgotIt() {
		assertThat(EscalationChain.of("bob.owner", List.of("compliance", "erin.deputy"))).containsExactly("bob.owner",
				"erin.deputy", "compliance");
		assertThat(EscalationChain.of("bob.owner", null)).containsExactly("bob.owner", "compliance");
	}

	@Test
	void startsAGovernanceCaseInTheGovernanceQueue() {
		assertThat(EscalationChain.of(null, List.of("compliance"))).containsExactly("governance", "compliance");
	}

}
