package org.recourse.intake.status;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/reports/status}: the reporter's view for the holder of a receipt
 * code.
 */
@RestController
class StatusApiController {

	private final ReadingStatus reading;

	StatusApiController(ReadingStatus reading) {
		this.reading = reading;
	}

	@PostMapping("/api/v1/reports/status")
	ResponseEntity<?> status(@RequestBody StatusRequest request) {
		return this.reading.read(request.receiptCode())
			.<ResponseEntity<?>>map(ResponseEntity::ok)
			.orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(notFound()));
	}

	static ProblemDetail notFound() {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
				"No report matches this receipt code. Check the code and try again.");
		problem.setTitle("Report not found");
		return problem;
	}

	record StatusRequest(String receiptCode) {
		@Override
		public String toString() {
			return "StatusRequest[…]";
		}
	}

}
