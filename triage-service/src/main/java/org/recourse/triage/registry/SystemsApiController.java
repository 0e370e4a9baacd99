package org.recourse.triage.registry;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/systems}: the public subset of the registry (id and name of listed
 * systems), which the reporter's form offers. Owners, deputies and policies are not part
 * of it.
 */
@RestController
class SystemsApiController {

	private final AiSystemRepository systems;

	SystemsApiController(AiSystemRepository systems) {
		this.systems = systems;
	}

	@GetMapping("/api/v1/systems")
	List<PublicSystem> systems() {
		return this.systems.findByListedTrueOrderByNameAsc()
			.stream()
			.map((system) -> new PublicSystem(system.id(), system.name()))
			.toList();
	}

	record PublicSystem(String id, String name) {
	}

}
