package org.recourse.triage.registry;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.recourse.triage.security.Staff;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The registry pages for admins: {@code /admin/systems} lists every AI system and flags
 * those without an accountable owner; {@code /admin/systems/{id}} edits one (or creates
 * it, from {@code /admin/systems/new}) and shows its change history.
 */
@Controller
class RegistryPagesController {

	private final AiSystemRepository systems;

	private final EditingRegistry editing;

	RegistryPagesController(AiSystemRepository systems, EditingRegistry editing) {
		this.systems = systems;
		this.editing = editing;
	}

	@GetMapping("/admin/systems")
	String list(Model model) {
		model.addAttribute("systems",
				this.systems.findAll().stream().sorted(Comparator.comparing(AiSystem::id)).toList());
		return "staff/systems";
	}

	@GetMapping("/admin/systems/new")
	String create(Model model) {
		model.addAttribute("form", SystemForm.empty());
		model.addAttribute("creating", true);
		model.addAttribute("history", List.of());
		model.addAttribute("days", DayOfWeek.values());
		return "staff/system";
	}

	@GetMapping("/admin/systems/{id}")
	String edit(@PathVariable String id, Model model) {
		AiSystem system = this.systems.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		model.addAttribute("form", SystemForm.of(system));
		model.addAttribute("creating", false);
		model.addAttribute("history", newestFirst(system.history()));
		model.addAttribute("days", DayOfWeek.values());
		return "staff/system";
	}

	@PostMapping("/admin/systems")
	String save(@ModelAttribute SystemForm form, Model model, RedirectAttributes redirect) {
		Map<String, String> errors;
		try {
			this.editing.save(form.id(), form.edit(), form.revision(), Staff.current().id());
			redirect.addFlashAttribute("notice", "Saved " + form.id() + ". New cases follow it; open cases keep "
					+ "the calendar and escalation chain they started with.");
			return "redirect:/admin/systems";
		}
		catch (EditingRegistry.InvalidSystemException ex) {
			errors = ex.errors;
		}
		catch (InvalidFormException ex) {
			errors = Map.of(ex.field, ex.getMessage());
		}
		catch (EditingRegistry.StaleSystemException ex) {
			errors = Map.of("revision", ex.getMessage());
		}
		model.addAttribute("form", form);
		model.addAttribute("creating", form.revision() == 0);
		model.addAttribute("errors", errors);
		model.addAttribute("history",
				this.systems.findById(form.id() != null ? form.id() : "")
					.map((system) -> newestFirst(system.history()))
					.orElse(List.of()));
		model.addAttribute("days", DayOfWeek.values());
		return "staff/system";
	}

	private static List<RegistryChange> newestFirst(List<RegistryChange> history) {
		List<RegistryChange> copy = new ArrayList<>(history);
		java.util.Collections.reverse(copy);
		return copy;
	}

	/** The edit form, flat as an HTML form posts it. */
	record SystemForm(String id, int revision, String name, String description, String ownerId, String ownerName,
			String ownerEmail, String deputyId, String deputyName, String deputyEmail, String escalationChain,
			String zone, String workStart, String workEnd, List<DayOfWeek> workDays, String holidays, boolean listed,
			String reason) {

		static SystemForm empty() {
			return new SystemForm("", 0, "", "", "", "", "", "", "", "", "compliance", "UTC", "09:00", "17:00", List
				.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), "",
					true, "");
		}

		static SystemForm of(AiSystem system) {
			AiSystem.StaffMember owner = system.owner();
			AiSystem.StaffMember deputy = system.deputy();
			AiSystem.Calendar calendar = system.calendar();
			return new SystemForm(system.id(), system.revision(), system.name(), system.description(),
					(owner != null) ? owner.id() : "", (owner != null) ? owner.name() : "",
					(owner != null) ? owner.email() : "", (deputy != null) ? deputy.id() : "",
					(deputy != null) ? deputy.name() : "", (deputy != null) ? deputy.email() : "",
					String.join(", ", system.escalationChain()), (calendar != null) ? calendar.zone() : "UTC",
					(calendar != null) ? calendar.workStart() : "09:00",
					(calendar != null) ? calendar.workEnd() : "17:00",
					(calendar != null && calendar.workDays() != null) ? calendar.workDays() : List.of(),
					(calendar != null && calendar.holidays() != null)
							? String.join(", ", calendar.holidays().stream().map(LocalDate::toString).toList()) : "",
					system.listed(), "");
		}

		public boolean works(DayOfWeek day) {
			return this.workDays != null && this.workDays.contains(day);
		}

		EditingRegistry.SystemEdit edit() {
			List<String> chain = Arrays
				.stream((this.escalationChain != null) ? this.escalationChain.split("[,\\s]+") : new String[0])
				.filter((step) -> !step.isBlank())
				.toList();
			List<LocalDate> days = new ArrayList<>();
			for (String day : (this.holidays != null) ? this.holidays.split("[,\\s]+") : new String[0]) {
				if (!day.isBlank()) {
					try {
						days.add(LocalDate.parse(day));
					}
					catch (DateTimeParseException ex) {
						throw new InvalidFormException("calendar.holidays",
								"Holidays as dates like 2026-12-25, separated by commas");
					}
				}
			}
			return new EditingRegistry.SystemEdit(this.name, this.description,
					member(this.ownerId, this.ownerName, this.ownerEmail),
					member(this.deputyId, this.deputyName, this.deputyEmail), chain, new AiSystem.Calendar(this.zone,
							this.workStart, this.workEnd, (this.workDays != null) ? this.workDays : List.of(), days),
					this.listed, this.reason);
		}

		private static AiSystem.StaffMember member(String id, String name, String email) {
			return (id == null || id.isBlank()) ? null : new AiSystem.StaffMember(id.strip(), name, email);
		}

	}

	static class InvalidFormException extends RuntimeException {

		final String field;

		InvalidFormException(String field, String message) {
			super(message);
			this.field = field;
		}

	}

}
