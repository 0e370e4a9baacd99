package org.recourse.intake.report;

import java.time.ZoneOffset;
import java.util.UUID;

import org.recourse.events.ReportSubmitted;
import org.recourse.events.ReporterContactRegistered;

/** Maps a stored report to the events that announce it. */
final class ReportMessages {

	private ReportMessages() {
	}

	static ReportSubmitted submitted(Report report) {
		return ReportSubmitted.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(report.getSubmittedAt())
			.setReportId(UUID.fromString(report.getId()))
			.setReporterRef(report.getReporterRef())
			.setAiSystemId(report.getAiSystemId())
			.setAiSystemName(report.getAiSystemName())
			.setKind(org.recourse.events.ReportKind.valueOf(report.getKind().name()))
			.setHarmKind((report.getHarmKind() != null)
					? org.recourse.events.HarmKind.valueOf(report.getHarmKind().name()) : null)
			.setSeverity(org.recourse.events.Severity.valueOf(report.getSeverity().name()))
			.setAiOutput(report.getAiOutput())
			.setWhatIsWrong(report.getWhatIsWrong())
			.setExpected(report.getExpected())
			.setHappenedAt((report.getHappenedOn() != null)
					? report.getHappenedOn().atStartOfDay(ZoneOffset.UTC).toInstant() : null)
			.setEvidenceUrl(report.getEvidenceUrl())
			.build();
	}

	static ReporterContactRegistered contactRegistered(Report report, byte[] sealedContact) {
		return ReporterContactRegistered.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(report.getSubmittedAt())
			.setReportId(UUID.fromString(report.getId()))
			.setReporterRef(report.getReporterRef())
			.setSealedContact(java.nio.ByteBuffer.wrap(sealedContact))
			.build();
	}

}
