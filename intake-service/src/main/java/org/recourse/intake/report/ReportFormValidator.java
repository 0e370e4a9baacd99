package org.recourse.intake.report;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The rules that tie fields together, reported against the field the reporter has to fix.
 */
@Component
class ReportFormValidator implements Validator {

	@Override
	public boolean supports(Class<?> type) {
		return ReportForm.class.equals(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		ReportForm form = (ReportForm) target;
		if (form.kind() == ReportKind.HARMFUL_OUTPUT && form.harmKind() == null) {
			errors.rejectValue("harmKind", "required", "Choose what kind of harm it did");
		}
		if (form.systemNotListed() && !StringUtils.hasText(form.aiSystemName())) {
			errors.rejectValue("aiSystemName", "required", "Name the AI system you used");
		}
	}

}
