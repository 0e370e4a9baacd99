package org.recourse.triage.cases;

import org.recourse.triage.security.Staff;

import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/cases/{id}/{action}}: acknowledge, question, progress, reassign,
 * resolve, reopen, serious-incident, regulatory-report. The body carries the case
 * {@code version} the caller last saw (optimistic concurrency); the actor is the
 * signed-in staff member. A case the caller may not see answers 404; one they may see but
 * not work (compliance on an owner's case, but for the two regulatory actions) answers
 * 403. Answers the case as it is after the action.
 */
@RestController
class CaseActionsApiController {

	private final CaseActions actions;

	CaseActionsApiController(CaseActions actions) {
		this.actions = actions;
	}

	@PostMapping("/api/v1/cases/{id}/{action}")
	CaseView act(@PathVariable String id, @PathVariable String action,
			@RequestBody CaseActions.CaseActionRequest request) {
		return CaseView.of(this.actions.act(id, action, request, Staff.current()));
	}

}
