package org.recourse.triage.audit;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AuditRecordTests {

	@Test
	void writesOneCsvLinePerEntryWithQuotingWhereNeeded() {
		AuditRecord record = new AuditRecord("case-1", "report-1", Instant.parse("2026-11-25T10:00:00Z"), "alice.owner",
				"REASSIGN", "ACKNOWLEDGED", "ACKNOWLEDGED", "to bob, who \"owns\" it\nnow");

		assertThat(record.toCsv()).isEqualTo("case-1,report-1,2026-11-25T10:00:00Z,alice.owner,REASSIGN,ACKNOWLEDGED,"
				+ "ACKNOWLEDGED,\"to bob, who \"\"owns\"\" it\nnow\"");
	}

	@Test
	void neutralisesCellsThatASpreadsheetWouldRunAsFormulas() {
		assertThat(AuditRecord.cell("=HYPERLINK(\"http://evil\")")).isEqualTo("\"'=HYPERLINK(\"\"http://evil\"\")\"");
		assertThat(AuditRecord.cell("+1")).isEqualTo("\"'+1\"");
		assertThat(AuditRecord.cell("@sum")).isEqualTo("\"'@sum\"");
		assertThat(AuditRecord.cell("plain")).isEqualTo("plain");
		assertThat(AuditRecord.cell(null)).isEmpty();
	}

}
