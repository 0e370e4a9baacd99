package org.recourse.intake.status;

import jakarta.servlet.http.HttpServletResponse;

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
class StatusController {

	static final String LOOKUP_VIEW = "status/lookup";

	static final String STATUS_VIEW = "status/view";

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
			HttpServletResponse response) {
		return this.reading.read(receiptCode).map((status) -> {
			model.addAttribute("status", status);
			return STATUS_VIEW;
		}).orElseGet(() -> {
			response.setStatus(HttpServletResponse.SC_NOT_FOUND);
			model.addAttribute("notFound", true);
			return LOOKUP_VIEW;
		});
	}

}
