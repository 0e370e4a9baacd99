package org.recourse.triage.cases;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;
import org.recourse.triage.sla.Severity;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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

	private static final List<CaseState> OPEN_STATES = java.util.Arrays.stream(CaseState.values())
		.filter(CaseLifecycle::isOpen)
		.toList();

	/**
	 * An owner's open cases are few, so they are sorted here, by the deadline they must
	 * meet next (not a stored field the embedded store could not index anyway).
	 */
	private static final Comparator<Case> NEAREST_DEADLINE_FIRST = Comparator
		.comparing(Case::getNextDueAt, Comparator.nullsLast(Comparator.naturalOrder()))
		.thenComparing(Case::getOpenedAt);

	private final CaseRepository cases;

	private final MongoTemplate mongo;

	CasesApiController(CaseRepository cases, MongoTemplate mongo) {
		this.cases = cases;
		this.mongo = mongo;
	}

	/**
	 * The caller's queue: open cases by default (or those in {@code state}), optionally
	 * only of one severity, one AI system, or breached (or not), nearest deadline first;
	 * {@code X-Total-Count} tells how many match.
	 */
	@GetMapping("/api/v1/cases")
	List<CaseView> queue(@RequestParam(required = false) String owner,
			@RequestParam(defaultValue = "OWNER") Queue queue, @RequestParam(required = false) CaseState state,
			@RequestParam(required = false) Severity severity, @RequestParam(required = false) String system,
			@RequestParam(required = false) Boolean breached, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size, HttpServletResponse response) {
		if (page < 0 || size < 1 || size > MAX_PAGE || (long) page * size > MAX_OFFSET) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "page must be 0 or more, size between 1 and "
					+ MAX_PAGE + ", and page × size at most " + MAX_OFFSET);
		}
		if (queue == Queue.OWNER && (owner == null || owner.isBlank())) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
					"Name the owner (owner=…) or ask for the governance queue (queue=GOVERNANCE)");
		}
		Criteria matching = (queue == Queue.GOVERNANCE) ? Criteria.where("queue").is(Queue.GOVERNANCE)
				: Criteria.where("ownerId").is(owner);
		matching = (state != null) ? matching.and("state").is(state) : matching.and("state").in(OPEN_STATES);
		if (severity != null) {
			matching = matching.and("severity").is(severity);
		}
		if (system != null) {
			matching = matching.and("report.aiSystemId").is(system);
		}
		List<Case> found = this.mongo.find(Query.query(matching), Case.class)
			.stream()
			.filter((candidate) -> breached == null || breached != candidate.getBreachedClocks().isEmpty())
			.sorted(NEAREST_DEADLINE_FIRST)
			.toList();
		response.setHeader("X-Total-Count", String.valueOf(found.size()));
		return found.stream().skip((long) page * size).limit(size).map(CaseView::of).toList();
	}

	@GetMapping("/api/v1/cases/{id}")
	CaseView one(@PathVariable String id) {
		return this.cases.findById(id).map(CaseView::of).orElseThrow(() -> new WorkingOnCase.CaseNotFoundException(id));
	}

}
