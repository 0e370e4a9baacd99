package org.recourse.intake.report;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import org.recourse.intake.systems.AiSystemDirectory;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.InitBinder;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The report form: works without JavaScript, keeps what was typed when something needs
 * fixing.
 */
@Controller
class ReportController {

	static final String FORM_VIEW = "report/form";

	static final String RECEIPT_VIEW = "report/receipt";

	private final SubmittingReport submitting;

	private final ReportFormValidator validator;

	private final AiSystemDirectory systems;

	ReportController(SubmittingReport submitting, ReportFormValidator validator, AiSystemDirectory systems) {
		this.submitting = submitting;
		this.validator = validator;
		this.systems = systems;
	}

	@InitBinder("reportForm")
	void initBinder(WebDataBinder binder) {
		binder.addValidators(this.validator);
	}

	@GetMapping({ "/", "/reports/new" })
	String form(Model model) {
		model.addAttribute("reportForm", ReportForm.empty());
		return formView(model);
	}

	/**
	 * An invalid form comes back with its inline messages as a 400, like the status
	 * page's forms: the answer to a client mistake is a 4xx, for browsers and scripts
	 * alike.
	 */
	@PostMapping("/reports")
	String submit(@Valid ReportForm reportForm, BindingResult result, Model model, RedirectAttributes redirect,
			HttpServletResponse response) {
		if (result.hasErrors()) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			return formView(model);
		}
		SubmittingReport.Receipt receipt = this.submitting.submit(reportForm);
		redirect.addFlashAttribute("receiptCode", receipt.code().display());
		return "redirect:/reports/receipt";
	}

	/**
	 * The form, with the AI systems to choose from (looked up only when the form is
	 * shown).
	 */
	private String formView(Model model) {
		model.addAttribute("systems", this.systems.options());
		return FORM_VIEW;
	}

	/**
	 * Shows the receipt code once: the flash attribute is gone on the next request, and
	 * nothing else holds it.
	 */
	@GetMapping("/reports/receipt")
	String receipt(Model model) {
		if (!model.containsAttribute("receiptCode")) {
			return "redirect:/";
		}
		return RECEIPT_VIEW;
	}

}
