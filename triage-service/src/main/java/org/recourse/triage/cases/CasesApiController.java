package org.recourse.triage.cases;

import java.time.Instant;
import java.util.List;

import org.springframework.data.domain.PageRequest;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Read side of the owner queue: {@code GET /api/v1/cases} (by owner, or the governance
 * queue) and {@code GET /api/v1/cases/{id}}. The reporter reference is never part of a
 * response.
 */
@RestController
class CasesApiController {

	private static final int MAX_PAGE = 100;

	private static final int MAX_OFFSET = 10_000;

	private final CaseRepository cases;

	CasesApiController(CaseRepository cases) {
		this.cases = cases;
	}

	@GetMapping("/api/v1/cases")
	List<CaseView> queue(@RequestParam(required = false) String owner,
			@RequestParam(defaultValue = "OWNER") Queue queue, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0 || size < 1 || size > MAX_PAGE || (long) page * size > MAX_OFFSET) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 0 or more, size between 1 and "
					+ MAX_PAGE + ", and page × size at most " + MAX_OFFSET);
		}
		if (queue == Queue.OWNER && (owner == null || owner.isBlank())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Name the owner (owner=…) or ask for the governance queue (queue=GOVERNANCE)");
		}
		PageRequest request = PageRequest.of(page, size);
		List<Case> found = (queue == Queue.GOVERNANCE) ? this.cases.findByQueueOrderByAcknowledgeByAsc(queue, request)
				: this.cases.findByOwnerIdOrderByAcknowledgeByAsc(owner, request);
		return found.stream().map(CaseView::of).toList();
	}

	@GetMapping("/api/v1/cases/{id}")
	CaseView one(@PathVariable String id) {
		return this.cases.findById(id).map(CaseView::of).orElseThrow(() -> new WorkingOnCase.CaseNotFoundException(id));
	}

}
