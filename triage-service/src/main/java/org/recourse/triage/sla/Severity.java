package org.recourse.triage.sla;

/** How bad a report is, as the reporter judged it. */
public enum Severity {

	CRITICAL, HIGH, MEDIUM, LOW

}
