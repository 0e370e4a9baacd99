package org.recourse.intake.report;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
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
	SubmittedReport submit(@Valid @RequestBody ReportForm reportForm,
			@RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
		SubmittingReport.Receipt receipt = this.submitting.submit(reportForm,
				(idempotencyKey != null) ? IdempotencyKey.of(idempotencyKey) : null);
		return new SubmittedReport(receipt.reportId(), receipt.code().display(),
				"Keep this receipt code: it is the only way to follow your report, and it is never shown again.");
	}

	@ExceptionHandler(IdempotencyKey.InvalidIdempotencyKeyException.class)
	ProblemDetail invalidKey(IdempotencyKey.InvalidIdempotencyKeyException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid Idempotency-Key");
		return problem;
	}

	@ExceptionHandler(SubmittingReport.IdempotencyKeyReusedException.class)
	ProblemDetail reusedKey(SubmittingReport.IdempotencyKeyReusedException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.getMessage());
		problem.setTitle("Idempotency-Key reused");
		return problem;
	}

	record SubmittedReport(String reportId, String receiptCode, String notice) {
	}

}
