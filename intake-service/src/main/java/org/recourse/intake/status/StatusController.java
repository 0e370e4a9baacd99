package org.recourse.intake.status;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The status page: the receipt code is posted from a form, so it never appears in a URL
 * or a server log.
 */
@Controller
public class StatusController {

	static final String LOOKUP_VIEW = "status/lookup";

	static final String STATUS_VIEW = "status/view";

	/**
	 * The session remembers which report the receipt code opened, so the reply and
	 * contest forms on the page need no copy of the code; the anonymous session ends
	 * after 15 minutes without use.
	 */
	public static final String OPENED_REPORT = "recourse.openedReport";

	private final ReadingStatus reading;

	StatusController(ReadingStatus reading) {
		this.reading = reading;
	}

	@GetMapping("/status")
	String lookup() {
		return LOOKUP_VIEW;
	}

	@PostMapping("/status")
	String status(@RequestParam(name = "receiptCode", required = false) String receiptCode, Model model,
			HttpSession session, HttpServletResponse response) {
		return this.reading.read(receiptCode).map((status) -> {
			session.setAttribute(OPENED_REPORT, status.reportId());
			model.addAttribute("status", status);
			return STATUS_VIEW;
		}).orElseGet(() -> {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("notFound", true);
			return LOOKUP_VIEW;
		});
	}

}
