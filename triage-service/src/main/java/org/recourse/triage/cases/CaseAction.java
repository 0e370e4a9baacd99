package org.recourse.triage.cases;

/**
 * What can happen to a case: the owner's actions, the reporter's answer, and closing once
 * the time to contest has passed.
 */
public enum CaseAction {

	ACKNOWLEDGE, ASK, RECORD_PROGRESS, REASSIGN, RESOLVE, REOPEN, REPORTER_ANSWERED, CLOSE

}
