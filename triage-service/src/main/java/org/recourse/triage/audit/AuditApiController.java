package org.recourse.triage.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.stream.Collectors;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/audit?from=…&to=…}: the audit trail of a time range (ISO-8601
 * instants, at most a year), as JSON, or as CSV with {@code format=csv} or
 * {@code Accept: text/csv}.
 */
@RestController
class AuditApiController {

	private static final Duration MAX_RANGE = Duration.ofDays(366);

	private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

	private final ReadingAuditTrail trail;

	AuditApiController(ReadingAuditTrail trail) {
		this.trail = trail;
	}

	@GetMapping(path = "/api/v1/audit", produces = { MediaType.APPLICATION_JSON_VALUE, "text/csv" })
	ResponseEntity<?> export(@RequestParam String from, @RequestParam String to,
			@RequestParam(required = false) String format,
			@org.springframework.web.bind.annotation.RequestHeader(name = HttpHeaders.ACCEPT,
					required = false) String accept) {
		Instant start = instant("from", from);
		Instant end = instant("to", to);
		if (!end.isAfter(start) || Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
			throw new InvalidRangeException("'to' must be after 'from', and the range at most 366 days.");
		}
		List<AuditRecord> records = this.trail.between(start, end);
		if ("csv".equalsIgnoreCase(format) || (format == null && accept != null && accept.contains("text/csv"))) {
			String csv = records.stream()
				.map(AuditRecord::toCsv)
				.collect(Collectors.joining("\r\n", AuditRecord.CSV_HEADER + "\r\n", records.isEmpty() ? "" : "\r\n"));
			return ResponseEntity.ok()
				.contentType(CSV)
				.header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"recourse-audit.csv\"")
				.body(csv);
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(records);
	}

	@ExceptionHandler(InvalidRangeException.class)
	ResponseEntity<ProblemDetail> invalid(InvalidRangeException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid time range");
		return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
	}

	private static Instant instant(String name, String value) {
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw new InvalidRangeException("'" + name + "' must be an ISO-8601 instant such as 2026-11-01T00:00:00Z.");
		}
	}

	static class InvalidRangeException extends RuntimeException {

		InvalidRangeException(String message) {
			super(message);
		}

	}

}
