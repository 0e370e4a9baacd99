package org.recourse.triage.cases;

/** DESIGN.md section 4. Escalation is a marker on the case, not a state. */
public enum CaseState {

	NEW, ROUTED, ACKNOWLEDGED, WAITING_FOR_REPORTER, IN_PROGRESS, RESOLVED, CLOSED, REOPENED

}
