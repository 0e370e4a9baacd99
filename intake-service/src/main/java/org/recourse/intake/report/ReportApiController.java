package org.recourse.intake.report;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/reports}: the form's twin for tools and scripts, with the same
 * validation.
 */
@RestController
@RequestMapping("/api/v1/reports")
class ReportApiController {

	private final SubmittingReport submitting;

	private final ReportFormValidator validator;

	ReportApiController(SubmittingReport submitting, ReportFormValidator validator) {
		this.submitting = submitting;
		this.validator = validator;
	}

	@InitBinder("reportForm")
	void initBinder(WebDataBinder binder) {
		binder.addValidators(this.validator);
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	SubmittedReport submit(@Valid @RequestBody ReportForm reportForm) {
		SubmittingReport.Receipt receipt = this.submitting.submit(reportForm);
		return new SubmittedReport(receipt.reportId(), receipt.code().display(),
				"Keep this receipt code: it is the only way to follow your report, and it is never shown again.");
	}

	record SubmittedReport(String reportId, String receiptCode, String notice) {
	}

}
