package org.recourse.triage.security;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The sign-in page (local users) and the landing page, which sends each role where its
 * work is.
 */
@Controller
class StaffPagesController {

	private final SecuritySettings settings;

	StaffPagesController(SecuritySettings settings) {
		this.settings = settings;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("demo", this.settings.mode() == SecuritySettings.Mode.LOCAL);
		return "staff/login";
	}

	@GetMapping("/")
	String home(Authentication authentication) {
		if (authentication == null || authentication instanceof AnonymousAuthenticationToken) {
			return "redirect:/login";
		}
		Staff staff = Staff.of(authentication);
		return (staff.isOwner() || staff.isCompliance()) ? "redirect:/cases" : "redirect:/admin/systems";
	}

}
