package org.recourse.intake.system;

import java.beans.PropertyEditorSupport;

import org.springframework.web.bind.WebDataBinder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.InitBinder;

/**
 * Form fields left empty bind as absent (null) rather than as empty strings; anything
 * typed is kept verbatim, spaces included.
 */
@ControllerAdvice
class FormBinding {

	@InitBinder
	void blankAsNull(WebDataBinder binder) {
		binder.registerCustomEditor(String.class, new PropertyEditorSupport() {
			@Override
			public void setAsText(String text) {
				setValue((text == null || text.isBlank()) ? null : text);
			}
		});
	}

}
