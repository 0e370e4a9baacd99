package org.recourse.triage.registry;

import java.util.List;
import java.util.Map;

import org.recourse.triage.security.Staff;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaTarget;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The registry for admins: {@code GET /api/v1/registry/systems}, {@code GET} and
 * {@code PUT /api/v1/registry/systems/{id}} (create, or change the revision named in the
 * body; 409 when someone else changed it first). Each answer carries the system's audited
 * change history.
 */
@RestController
class RegistryApiController {

	private final AiSystemRepository systems;

	private final EditingRegistry editing;

	RegistryApiController(AiSystemRepository systems, EditingRegistry editing) {
		this.systems = systems;
		this.editing = editing;
	}

	@GetMapping("/api/v1/registry/systems")
	List<AiSystem> all() {
		return this.systems.findAll().stream().sorted(java.util.Comparator.comparing(AiSystem::id)).toList();
	}

	@GetMapping("/api/v1/registry/systems/{id}")
	AiSystem one(@PathVariable String id) {
		return this.systems.findById(id)
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No AI system with that id."));
	}

	@PutMapping("/api/v1/registry/systems/{id}")
	AiSystem save(@PathVariable String id, @RequestBody EditRequest request) {
		if (request.revision() == null) {
			throw new EditingRegistry.InvalidSystemException(
					Map.of("revision", "Required: the revision you loaded (0 to create a new system)"));
		}
		return this.editing.save(id, request.edit(), request.revision(), Staff.current().id());
	}

	@ExceptionHandler(EditingRegistry.InvalidSystemException.class)
	ProblemDetail invalid(EditingRegistry.InvalidSystemException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Some fields are missing or not valid; see errors.");
		problem.setTitle("Invalid AI system");
		problem.setProperty("errors", ex.errors);
		return problem;
	}

	@ExceptionHandler(EditingRegistry.StaleSystemException.class)
	ProblemDetail stale(EditingRegistry.StaleSystemException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
		problem.setTitle("AI system changed");
		return problem;
	}

	/** The body of a PUT: the system's fields, the revision loaded, and why. */
	record EditRequest(Integer revision, String name, String description, AiSystem.StaffMember owner,
			AiSystem.StaffMember deputy, List<String> escalationChain, AiSystem.Calendar calendar, Boolean listed,
			Map<Severity, SlaTarget> sla, String reason) {

		EditingRegistry.SystemEdit edit() {
			return new EditingRegistry.SystemEdit(this.name, this.description, this.owner, this.deputy,
					this.escalationChain, this.calendar, this.listed == null || this.listed, this.sla, this.reason);
		}

	}

}
