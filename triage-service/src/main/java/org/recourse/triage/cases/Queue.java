package org.recourse.triage.cases;

/**
 * Where a case waits: with the system's accountable owner, or with compliance when nobody
 * owns the system.
 */
public enum Queue {

	OWNER, GOVERNANCE

}
