package org.recourse.triage.cases;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import static org.recourse.triage.cases.CaseState.ACKNOWLEDGED;
import static org.recourse.triage.cases.CaseState.CLOSED;
import static org.recourse.triage.cases.CaseState.IN_PROGRESS;
import static org.recourse.triage.cases.CaseState.REOPENED;
import static org.recourse.triage.cases.CaseState.RESOLVED;
import static org.recourse.triage.cases.CaseState.ROUTED;
import static org.recourse.triage.cases.CaseState.WAITING_FOR_REPORTER;

/**
 * DESIGN.md section 4 as a table: from which states each action is allowed and where it
 * leads. Plain Java, so every rule is a unit test; anything not in the table is refused
 * with a sentence an owner understands.
 */
public final class CaseLifecycle {

	private static final Set<CaseState> OPEN = EnumSet.of(ROUTED, ACKNOWLEDGED, WAITING_FOR_REPORTER, IN_PROGRESS,
			REOPENED);

	private static final Set<CaseState> NOT_CLOSED = EnumSet.complementOf(EnumSet.of(CLOSED));

	private static final Map<CaseAction, Set<CaseState>> ALLOWED_FROM = Map.ofEntries(
			Map.entry(CaseAction.ACKNOWLEDGE, EnumSet.of(ROUTED, REOPENED)),
			Map.entry(CaseAction.ASK, EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, REOPENED)),
			Map.entry(CaseAction.RECORD_PROGRESS, EnumSet.of(ACKNOWLEDGED, IN_PROGRESS, REOPENED)),
			Map.entry(CaseAction.REASSIGN, OPEN),
			Map.entry(CaseAction.RESOLVE, EnumSet.of(ACKNOWLEDGED, WAITING_FOR_REPORTER, IN_PROGRESS, REOPENED)),
			Map.entry(CaseAction.REOPEN, EnumSet.of(RESOLVED)),
			Map.entry(CaseAction.REPORTER_ANSWERED, EnumSet.allOf(CaseState.class)),
			Map.entry(CaseAction.CLOSE, EnumSet.of(RESOLVED)), Map.entry(CaseAction.FLAG_SERIOUS_INCIDENT, NOT_CLOSED),
			Map.entry(CaseAction.FILE_REGULATORY_REPORT, NOT_CLOSED));

	private CaseLifecycle() {
	}

	/**
	 * The state after {@code action}; throws {@link TransitionRefusedException} when it
	 * is not allowed now.
	 */
	public static CaseState next(CaseState from, CaseAction action) {
		if (!ALLOWED_FROM.get(action).contains(from)) {
			throw new TransitionRefusedException(refusal(from, action));
		}
		return switch (action) {
			case ACKNOWLEDGE -> ACKNOWLEDGED;
			case ASK -> WAITING_FOR_REPORTER;
			case RECORD_PROGRESS -> IN_PROGRESS;
			case REASSIGN -> from;
			case RESOLVE -> RESOLVED;
			case REOPEN -> REOPENED;
			case REPORTER_ANSWERED -> (from == WAITING_FOR_REPORTER) ? IN_PROGRESS : from;
			case CLOSE -> CLOSED;
			case FLAG_SERIOUS_INCIDENT, FILE_REGULATORY_REPORT -> from;
		};
	}

	/** Whether {@code action} is possible from {@code from}. */
	public static boolean allows(CaseState from, CaseAction action) {
		return ALLOWED_FROM.get(action).contains(from);
	}

	public static boolean isOpen(CaseState state) {
		return OPEN.contains(state);
	}

	private static String refusal(CaseState from, CaseAction action) {
		if (action.isRegulatory()) {
			return "This case is closed and its deadlines are no longer tracked. Report an incident found now to the "
					+ "authority directly and give compliance the reference.";
		}
		if (from == RESOLVED || from == CLOSED) {
			return (action == CaseAction.ACKNOWLEDGE || action == CaseAction.RESOLVE)
					? "This case is already resolved. It can only be reopened after the reporter contests the outcome."
					: "This case is resolved; nothing more can be done on it unless the reporter contests the outcome.";
		}
		return switch (action) {
			case ACKNOWLEDGE -> "This case is already acknowledged.";
			case ASK, RECORD_PROGRESS, RESOLVE -> (from == ROUTED) ? "Acknowledge the case first."
					: "The case is waiting for the reporter's answer to your question.";
			case REOPEN -> "Only a resolved case can be reopened.";
			default -> "This is not possible while the case is " + from.name().toLowerCase().replace('_', ' ') + ".";
		};
	}

}
