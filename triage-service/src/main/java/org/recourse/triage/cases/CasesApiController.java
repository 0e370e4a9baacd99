package org.recourse.triage.cases;

import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.recourse.triage.security.Staff;
import org.recourse.triage.security.StaffRole;
import org.recourse.triage.sla.Severity;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Read side of the owner queue: {@code GET /api/v1/cases} (by owner, or the governance
 * queue) and {@code GET /api/v1/cases/{id}}. An owner reads their own queue (naming
 * another owner or the governance queue is refused) and the cases {@link CaseAccess} lets
 * them see; anything else answers 404, as if it did not exist. The reporter reference is
 * never part of a response.
 */
@RestController
class CasesApiController {

	private final OwnerQueue queues;

	CasesApiController(OwnerQueue queues) {
		this.queues = queues;
	}

	/**
	 * The caller's queue: open cases by default (or those in {@code state}, any but
	 * {@code CLOSED}, which is refused: closed cases are archived), optionally only of
	 * one severity, one AI system, or breached (or not), nearest deadline first;
	 * {@code X-Total-Count} tells how many match.
	 */
	@GetMapping("/api/v1/cases")
	List<CaseView> queue(@RequestParam(required = false) String owner,
			@RequestParam(defaultValue = "OWNER") Queue queue, @RequestParam(required = false) CaseState state,
			@RequestParam(required = false) Severity severity, @RequestParam(required = false) String system,
			@RequestParam(required = false) Boolean breached, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, HttpServletResponse response) {
		if (page < 0 || size < 1 || size > OwnerQueue.MAX_PAGE || (long) page * size > OwnerQueue.MAX_OFFSET) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 0 or more, size between 1 and "
					+ OwnerQueue.MAX_PAGE + ", and page × size at most " + OwnerQueue.MAX_OFFSET);
		}
		Staff staff = Staff.current();
		if (!staff.is(StaffRole.COMPLIANCE)) {
			if (queue == Queue.GOVERNANCE || (owner != null && !owner.equals(staff.id()))) {
				throw new ResponseStatusException(HttpStatus.FORBIDDEN,
						"Owners see their own queue only; the governance queue and other owners' queues are for compliance.");
			}
			owner = staff.id();
		}
		if (state == CaseState.CLOSED) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, OwnerQueue.CLOSED_NOT_LISTED);
		}
		if (queue == Queue.OWNER && (owner == null || owner.isBlank())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Name the owner (owner=…) or ask for the governance queue (queue=GOVERNANCE)");
		}
		OwnerQueue.QueuePage found = this.queues
			.find(new OwnerQueue.QueueFilter(queue, owner, state, severity, system, breached), page, size);
		response.setHeader("X-Total-Count", String.valueOf(found.total()));
		return found.cases().stream().map(CaseView::of).toList();
	}

	@GetMapping("/api/v1/cases/{id}")
	CaseView one(@PathVariable String id) {
		Staff staff = Staff.current();
		return this.queues.one(id)
			.filter((found) -> CaseAccess.maySee(found, staff))
			.map(CaseView::of)
			.orElseThrow(() -> new WorkingOnCase.CaseNotFoundException(id));
	}

}
