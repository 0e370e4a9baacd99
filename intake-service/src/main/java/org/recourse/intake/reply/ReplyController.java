package org.recourse.intake.reply;

import java.util.Optional;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.recourse.intake.report.Report;
import org.recourse.intake.report.ReportRepository;
import org.recourse.intake.status.ReadingStatus;
import org.recourse.intake.status.StatusController;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The reply and contest forms of the status page. They act on the report the receipt code
 * opened in this anonymous session (the page holds no copy of the code, and no URL ever
 * does); the answer is the status page again, with a message.
 */
@Controller
class ReplyController {

	static final String STATUS_VIEW = "status/view";

	static final String LOOKUP_VIEW = "status/lookup";

	static final int MAX_LENGTH = 5000;

	private final RespondingToCase responding;

	private final ReadingStatus reading;

	private final ReportRepository reports;

	ReplyController(RespondingToCase responding, ReadingStatus reading, ReportRepository reports) {
		this.responding = responding;
		this.reading = reading;
		this.reports = reports;
	}

	@PostMapping("/status/reply")
	String reply(@RequestParam(required = false) String message, HttpSession session, Model model,
			HttpServletResponse response) {
		return act(session, (report) -> this.responding.reply(report, message), check(message, "your answer"),
				"replyError", model, response);
	}

	@PostMapping("/status/contest")
	String contest(@RequestParam(required = false) String reason, HttpSession session, Model model,
			HttpServletResponse response) {
		return act(session, (report) -> this.responding.contest(report, reason), check(reason, "why you disagree"),
				"contestError", model, response);
	}

	/**
	 * Reads the opened report once: a refused action shows it as read, a recorded one as
	 * the write returned it.
	 */
	private String act(HttpSession session, Function<Report, RespondingToCase.Responded> action, String problem,
			String errorAttribute, Model model, HttpServletResponse response) {
		Object opened = session.getAttribute(StatusController.OPENED_REPORT);
		Optional<Report> report = (opened instanceof String id) ? this.reports.findById(id) : Optional.empty();
		if (report.isEmpty()) {
			model.addAttribute("expired", true);
			return LOOKUP_VIEW;
		}
		if (problem != null) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute(errorAttribute, problem);
			model.addAttribute("status", this.reading.statusOf(report.get()));
			return STATUS_VIEW;
		}
		RespondingToCase.Responded outcome = action.apply(report.get());
		if (outcome.action().succeeded()) {
			model.addAttribute("notice", outcome.action().message());
		}
		else {
			response.setStatus(HttpServletResponse.SC_CONFLICT);
			model.addAttribute(errorAttribute, outcome.action().message());
		}
		model.addAttribute("status", this.reading.statusOf(outcome.report()));
		return STATUS_VIEW;
	}

	private static String check(String text, String what) {
		if (!StringUtils.hasText(text)) {
			return "Write " + what + " before sending.";
		}
		if (text.length() > MAX_LENGTH) {
			return "Keep " + what + " under 5,000 characters.";
		}
		return null;
	}

}
