package org.recourse.triage.audit;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * {@code /audit}: compliance picks a date range (UTC days, both included) and downloads
 * the audit trail as CSV or JSON, the same export as {@code GET /api/v1/audit}.
 */
@Controller
class AuditPagesController {

	private final AuditApiController export;

	AuditPagesController(AuditApiController export) {
		this.export = export;
	}

	@GetMapping("/audit")
	String page(Model model) {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		model.addAttribute("from", today.minusDays(30));
		model.addAttribute("to", today);
		return "staff/audit";
	}

	@GetMapping("/audit/export")
	Object download(@RequestParam String from, @RequestParam String to,
			@RequestParam(defaultValue = "csv") String format, Model model) {
		try {
			LocalDate first = LocalDate.parse(from);
			LocalDate last = LocalDate.parse(to);
			ResponseEntity<?> file = this.export.export(first.atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
					last.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toString(),
					"json".equals(format) ? "json" : "csv", null);
			return file;
		}
		catch (DateTimeParseException | AuditApiController.InvalidRangeException ex) {
			model.addAttribute("from", from);
			model.addAttribute("to", to);
			model.addAttribute("problem",
					"Choose a first and a last day, the last not before the first, at most a year apart.");
			return "staff/audit";
		}
	}

}
