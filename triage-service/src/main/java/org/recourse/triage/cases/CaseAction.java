package org.recourse.triage.cases;

/** What can happen to a case: the owner's actions and the reporter's answer. */
public enum CaseAction {

	ACKNOWLEDGE, ASK, RECORD_PROGRESS, REASSIGN, RESOLVE, REOPEN, REPORTER_ANSWERED

}
