package org.recourse.triage.cases;

/**
 * What can happen to a case: the owner's actions, the reporter's answer, closing once the
 * time to contest has passed, and the regulatory track of a potential serious incident
 * (flagging it, filing its report with the authority), which runs beside the lifecycle
 * and leaves the state as it is.
 */
public enum CaseAction {

	ACKNOWLEDGE, ASK, RECORD_PROGRESS, REASSIGN, RESOLVE, REOPEN, REPORTER_ANSWERED, CLOSE, FLAG_SERIOUS_INCIDENT,
	FILE_REGULATORY_REPORT;

	/**
	 * Whether this action belongs to the regulatory track rather than the case's work.
	 */
	public boolean isRegulatory() {
		return this == FLAG_SERIOUS_INCIDENT || this == FILE_REGULATORY_REPORT;
	}

}
