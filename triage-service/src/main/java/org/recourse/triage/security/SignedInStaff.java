package org.recourse.triage.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Puts the signed-in staff member on every page's model, for the header. */
@ControllerAdvice(annotations = Controller.class)
class SignedInStaff {

	@ModelAttribute("staff")
	Staff staff(Authentication authentication) {
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		return Staff.of(authentication);
	}

}
