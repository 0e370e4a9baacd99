package org.recourse.intake.reply;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/reports/replies} and {@code POST /api/v1/reports/contest}: the
 * status page's actions for API clients. 202 when accepted; 404 for a code that opens
 * nothing; 409 when the action is not possible now.
 */
@RestController
class ReplyApiController {

	private final RespondingToCase responding;

	ReplyApiController(RespondingToCase responding) {
		this.responding = responding;
	}

	@PostMapping("/api/v1/reports/replies")
	ResponseEntity<?> reply(@Valid @RequestBody ReplyRequest request) {
		return answer(this.responding.reply(request.receiptCode(), request.message()));
	}

	@PostMapping("/api/v1/reports/contest")
	ResponseEntity<?> contest(@Valid @RequestBody ContestRequest request) {
		return answer(this.responding.contest(request.receiptCode(), request.reason()));
	}

	private static ResponseEntity<?> answer(ReporterAction outcome) {
		if (outcome.succeeded()) {
			return ResponseEntity.accepted().body(new Accepted(outcome.message()));
		}
		HttpStatus status = (outcome == ReporterAction.NOT_FOUND) ? HttpStatus.NOT_FOUND : HttpStatus.CONFLICT;
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, outcome.message());
		problem.setTitle((status == HttpStatus.NOT_FOUND) ? "Report not found" : "Not possible now");
		return ResponseEntity.status(status).body(problem);
	}

	record ReplyRequest(@NotBlank(message = "Give the receipt code") String receiptCode,
			@NotBlank(message = "Write your answer") @Size(max = 5000,
					message = "Keep your answer under 5,000 characters") String message) {

		@Override
		public String toString() {
			return "ReplyRequest[…]";
		}

	}

	record ContestRequest(@NotBlank(message = "Give the receipt code") String receiptCode,
			@NotBlank(message = "Say why you disagree") @Size(max = 5000,
					message = "Keep your reason under 5,000 characters") String reason) {

		@Override
		public String toString() {
			return "ContestRequest[…]";
		}

	}

	record Accepted(String message) {
	}

}
