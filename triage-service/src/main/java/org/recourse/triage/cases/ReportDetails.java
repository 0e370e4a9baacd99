package org.recourse.triage.cases;

import java.time.Instant;

/** The report as its reporter filed it. Carries no identity: intake never sends one. */
public record ReportDetails(String aiSystemId, String aiSystemName, String kind, String harmKind, String aiOutput,
		String whatIsWrong, String expected, Instant happenedAt, String evidenceUrl, Instant submittedAt) {

	@Override
	public String toString() {
		return "ReportDetails[" + this.aiSystemId + ", " + this.kind + "]";
	}

}
