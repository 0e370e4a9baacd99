package org.recourse.triage.cases;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The case API's refusals as {@code application/problem+json}, each with a sentence that
 * says what to do.
 */
@RestControllerAdvice(assignableTypes = { CasesApiController.class, CaseActionsApiController.class })
class CaseApiProblems {

	@ExceptionHandler(CaseActions.InvalidActionException.class)
	ProblemDetail invalid(CaseActions.InvalidActionException ex) {
		ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "Invalid request",
				"Some fields are missing or not valid; see errors.");
		problem.setProperty("errors", ex.errors);
		return problem;
	}

	@ExceptionHandler(CaseActions.ReadOnlyCaseException.class)
	ProblemDetail readOnly(CaseActions.ReadOnlyCaseException ex) {
		return problem(HttpStatus.FORBIDDEN, "Read only", ex.getMessage());
	}

	@ExceptionHandler(TransitionRefusedException.class)
	ProblemDetail refused(TransitionRefusedException ex) {
		return problem(HttpStatus.CONFLICT, "Not possible now", ex.getMessage());
	}

	@ExceptionHandler(WorkingOnCase.StaleCaseException.class)
	ProblemDetail stale(WorkingOnCase.StaleCaseException ex) {
		return problem(HttpStatus.CONFLICT, "Case changed", ex.getMessage());
	}

	@ExceptionHandler(WorkingOnCase.CaseNotFoundException.class)
	ProblemDetail notFound(WorkingOnCase.CaseNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "Not found", "No such case, or no such action.");
	}

	private static ProblemDetail problem(HttpStatus status, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setTitle(title);
		return problem;
	}

}
