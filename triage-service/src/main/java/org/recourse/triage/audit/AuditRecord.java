package org.recourse.triage.audit;

import java.time.Instant;

/** One exported audit entry, with the case it belongs to. */
record AuditRecord(String caseId, String reportId, Instant at, String actor, String action, String fromState,
		String toState, String reason) {

	static final String CSV_HEADER = "caseId,reportId,at,actor,action,fromState,toState,reason";

	String toCsv() {
		return String.join(",", cell(this.caseId), cell(this.reportId), cell(String.valueOf(this.at)), cell(this.actor),
				cell(this.action), cell(this.fromState), cell(this.toState), cell(this.reason));
	}

	/**
	 * RFC 4180 quoting, and a leading apostrophe for cells a spreadsheet would otherwise
	 * run as a formula (reasons are free text typed by staff).
	 */
	static String cell(String value) {
		if (value == null) {
			return "";
		}
		String safe = (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) ? "'" + value : value;
		if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")
				|| !safe.equals(value)) {
			return "\"" + safe.replace("\"", "\"\"") + "\"";
		}
		return safe;
	}

}
