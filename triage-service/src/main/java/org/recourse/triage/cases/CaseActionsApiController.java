package org.recourse.triage.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/cases/{id}/{action}}: acknowledge, question, progress, reassign,
 * resolve, reopen. The body carries the case {@code version} the caller last saw
 * (optimistic concurrency) and the acting staff member ({@code actor}; staff sign-in will
 * supply it once it exists). Answers the case as it is after the action.
 */
@RestController
class CaseActionsApiController {

	private static final int MAX_TEXT = 5000;

	private final WorkingOnCase working;

	CaseActionsApiController(WorkingOnCase working) {
		this.working = working;
	}

	@PostMapping("/api/v1/cases/{id}/{action}")
	CaseView act(@PathVariable String id, @PathVariable String action, @RequestBody CaseActionRequest request) {
		List<Map<String, String>> errors = new ArrayList<>();
		require(errors, "version", request.version() != null);
		require(errors, "actor", StringUtils.hasText(request.actor()));
		Case result = switch (action) {
			case "acknowledge" ->
				valid(errors) ? this.working.acknowledge(id, request.version(), request.actor()) : null;
			case "question" -> {
				text(errors, "question", request.question());
				yield valid(errors) ? this.working.ask(id, request.version(), request.actor(), request.question())
						: null;
			}
			case "progress" -> {
				text(errors, "note", request.note());
				yield valid(errors)
						? this.working.recordProgress(id, request.version(), request.actor(), request.note()) : null;
			}
			case "reassign" -> {
				require(errors, "toOwnerId", StringUtils.hasText(request.toOwnerId()));
				text(errors, "reason", request.reason());
				yield valid(errors) ? this.working.reassign(id, request.version(), request.actor(), request.toOwnerId(),
						request.reason()) : null;
			}
			case "resolve" -> {
				require(errors, "verdict", request.verdict() != null);
				require(errors, "harmConfirmed", request.harmConfirmed() != null);
				require(errors, "resolution", request.resolution() != null);
				text(errors, "rootCause", request.rootCause());
				text(errors, "summaryForReporter", request.summaryForReporter());
				boolean needsNote = request.resolution() == CaseResolution.Resolution.WILL_NOT_FIX
						|| request.resolution() == CaseResolution.Resolution.DUPLICATE;
				if (needsNote) {
					text(errors, "resolutionNote", request.resolutionNote());
				}
				yield valid(errors)
						? this.working.resolve(id, request.version(), request.actor(),
								new CaseResolution(request.verdict(), request.harmConfirmed(), request.rootCause(),
										request.resolution(), request.resolutionNote(), request.summaryForReporter()))
						: null;
			}
			case "reopen" -> {
				text(errors, "reason", request.reason());
				yield valid(errors) ? this.working.reopen(id, request.version(), request.actor(), request.reason())
						: null;
			}
			default -> throw new WorkingOnCase.CaseNotFoundException(id);
		};
		if (result == null) {
			throw new InvalidActionException(errors);
		}
		return CaseView.of(result);
	}

	private static void text(List<Map<String, String>> errors, String field, String value) {
		if (!StringUtils.hasText(value)) {
			errors.add(Map.of("field", field, "message", "Required"));
		}
		else if (value.length() > MAX_TEXT) {
			errors.add(Map.of("field", field, "message", "At most 5,000 characters"));
		}
	}

	private static void require(List<Map<String, String>> errors, String field, boolean present) {
		if (!present) {
			errors.add(Map.of("field", field, "message", "Required"));
		}
	}

	private static boolean valid(List<Map<String, String>> errors) {
		return errors.isEmpty();
	}

	record CaseActionRequest(Long version, String actor, String note, String question, String toOwnerId, String reason,
			CaseResolution.Verdict verdict, CaseResolution.HarmConfirmed harmConfirmed, String rootCause,
			CaseResolution.Resolution resolution, String resolutionNote, String summaryForReporter) {
	}

	static class InvalidActionException extends RuntimeException {

		final transient List<Map<String, String>> errors;

		InvalidActionException(List<Map<String, String>> errors) {
			super("Invalid case action");
			this.errors = errors;
		}

	}

}
