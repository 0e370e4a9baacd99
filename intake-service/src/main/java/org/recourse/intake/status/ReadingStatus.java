package org.recourse.intake.status;

import java.time.Clock;
import java.util.Optional;

import org.recourse.intake.receipt.ReceiptCode;
import org.recourse.intake.receipt.ReceiptHasher;
import org.recourse.intake.report.Report;
import org.recourse.intake.report.ReportRepository;
import org.recourse.intake.systems.AiSystemDirectory;

import org.springframework.stereotype.Service;

/**
 * Opens a report with its receipt code. A malformed code, an unknown one and a wrong
 * secret all answer empty, and a well-formed code always costs one bcrypt check, found or
 * not, so the answer is no oracle.
 */
@Service
public class ReadingStatus {

	private final ReportRepository reports;

	private final ReceiptHasher hasher;

	private final Clock clock;

	private final AiSystemDirectory systems;

	ReadingStatus(ReportRepository reports, ReceiptHasher hasher, AiSystemDirectory systems, Clock clock) {
		this.reports = reports;
		this.hasher = hasher;
		this.systems = systems;
		this.clock = clock;
	}

	public Optional<ReporterStatus> read(String typedCode) {
		return open(typedCode).map(this::statusOf);
	}

	public ReporterStatus statusOf(Report report) {
		String system = (report.getAiSystemId() != null)
				? this.systems.nameOf(report.getAiSystemId()).orElse(report.getAiSystemId()) : report.getAiSystemName();
		return ReporterStatus.of(report, system, this.clock);
	}

	/** The report this code opens, if it opens one; for the use cases that act on it. */
	public Optional<Report> open(String typedCode) {
		Optional<ReceiptCode> code = ReceiptCode.parse(typedCode);
		if (code.isEmpty()) {
			return Optional.empty();
		}
		Optional<Report> report = this.reports.findByReceiptLookup(code.get().lookup());
		boolean matches = this.hasher.matches(code.get(), report.map(Report::getReceiptHash).orElse(null));
		return matches ? report : Optional.empty();
	}

}
