package org.recourse.triage.cases;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CaseLifecycleTests {

	@ParameterizedTest(name = "{1} from {0} leads to {2}")
	@CsvSource({ "ROUTED, ACKNOWLEDGE, ACKNOWLEDGED", "REOPENED, ACKNOWLEDGE, ACKNOWLEDGED",
			"ACKNOWLEDGED, ASK, WAITING_FOR_REPORTER", "IN_PROGRESS, ASK, WAITING_FOR_REPORTER",
			"ACKNOWLEDGED, RECORD_PROGRESS, IN_PROGRESS", "WAITING_FOR_REPORTER, REPORTER_ANSWERED, IN_PROGRESS",
			"IN_PROGRESS, REPORTER_ANSWERED, IN_PROGRESS", "ROUTED, REASSIGN, ROUTED",
			"WAITING_FOR_REPORTER, REASSIGN, WAITING_FOR_REPORTER", "ACKNOWLEDGED, RESOLVE, RESOLVED",
			"WAITING_FOR_REPORTER, RESOLVE, RESOLVED", "IN_PROGRESS, RESOLVE, RESOLVED", "RESOLVED, REOPEN, REOPENED",
			"REOPENED, RESOLVE, RESOLVED" })
	void allowsTheTransitionsOfTheCaseLifecycle(CaseState from, CaseAction action, CaseState to) {
		assertThat(CaseLifecycle.next(from, action)).isEqualTo(to);
	}

	@ParameterizedTest(name = "{1} from {0} is refused: {2}")
	@CsvSource(delimiter = '|',
			value = { "ROUTED | RESOLVE | Acknowledge the case first.", "ROUTED | ASK | Acknowledge the case first.",
					"ACKNOWLEDGED | ACKNOWLEDGE | This case is already acknowledged.",
					"WAITING_FOR_REPORTER | RECORD_PROGRESS | The case is waiting for the reporter's answer",
					"WAITING_FOR_REPORTER | ASK | The case is waiting for the reporter's answer",
					"RESOLVED | RESOLVE | This case is already resolved.",
					"RESOLVED | REASSIGN | This case is resolved", "IN_PROGRESS | REOPEN | Only a resolved case" })
	void refusesOtherTransitionsWithASentenceThatSaysWhatToDo(CaseState from, CaseAction action, String message) {
		assertThatExceptionOfType(TransitionRefusedException.class).isThrownBy(() -> CaseLifecycle.next(from, action))
			.withMessageContaining(message);
	}

	@ParameterizedTest(name = "{0} is possible from every state but closed, and leaves the state as it is")
	@EnumSource(value = CaseAction.class, names = { "FLAG_SERIOUS_INCIDENT", "FILE_REGULATORY_REPORT" })
	void keepsTheRegulatoryTrackBesideTheLifecycleUntilTheCaseCloses(CaseAction action) {
		for (CaseState from : CaseState.values()) {
			if (from == CaseState.CLOSED) {
				assertThatExceptionOfType(TransitionRefusedException.class)
					.isThrownBy(() -> CaseLifecycle.next(from, action))
					.withMessageContaining("This case is closed")
					.withMessageContaining("authority directly");
			}
			else {
				assertThat(CaseLifecycle.next(from, action)).isEqualTo(from);
			}
		}
	}

	@Test
	void countsOnlyUnresolvedStatesAsOpen() {
		assertThat(CaseLifecycle.isOpen(CaseState.WAITING_FOR_REPORTER)).isTrue();
		assertThat(CaseLifecycle.isOpen(CaseState.REOPENED)).isTrue();
		assertThat(CaseLifecycle.isOpen(CaseState.RESOLVED)).isFalse();
		assertThat(CaseLifecycle.isOpen(CaseState.CLOSED)).isFalse();
	}

}
