package org.recourse.triage.routing;

import org.recourse.triage.cases.ReportDetails;
import org.recourse.triage.sla.Severity;

/** A submitted report as routing needs it. */
record IncomingReport(String reportId, String reporterRef, Severity severity, boolean mandatedAiConcern,
		ReportDetails details) {
}
