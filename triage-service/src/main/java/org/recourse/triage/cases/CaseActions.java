package org.recourse.triage.cases;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.recourse.triage.security.Staff;

import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * The owner actions as the API and the pages offer them: acknowledge, question, progress,
 * reassign, resolve, reopen. Checks who may act ({@link CaseAccess}), validates the
 * fields the action needs, and hands over to {@link WorkingOnCase} with the signed-in
 * staff member as the actor.
 */
@Service
class CaseActions {

	static final int MAX_TEXT = 5000;

	private final WorkingOnCase working;

	private final OwnerQueue queues;

	CaseActions(WorkingOnCase working, OwnerQueue queues) {
		this.working = working;
		this.queues = queues;
	}

	/**
	 * Does {@code action} on case {@code id} as {@code staff}: refused with
	 * {@link WorkingOnCase.CaseNotFoundException} when they may not see the case (or the
	 * action does not exist), {@link ReadOnlyCaseException} when they may see but not
	 * work it, {@link InvalidActionException} listing the fields at fault.
	 */
	Case act(String id, String action, CaseActionRequest request, Staff staff) {
		Case current = this.queues.one(id)
			.filter((found) -> CaseAccess.maySee(found, staff))
			.orElseThrow(() -> new WorkingOnCase.CaseNotFoundException(id));
		if (!CaseAccess.mayWork(current, staff)) {
			throw new ReadOnlyCaseException();
		}
		String actor = staff.id();
		List<Map<String, String>> errors = new ArrayList<>();
		require(errors, "version", request.version() != null);
		Case result = switch (action) {
			case "acknowledge" -> valid(errors) ? this.working.acknowledge(id, request.version(), actor) : null;
			case "question" -> {
				text(errors, "question", request.question());
				yield valid(errors) ? this.working.ask(id, request.version(), actor, request.question()) : null;
			}
			case "progress" -> {
				text(errors, "note", request.note());
				yield valid(errors) ? this.working.recordProgress(id, request.version(), actor, request.note()) : null;
			}
			case "reassign" -> {
				require(errors, "toOwnerId", StringUtils.hasText(request.toOwnerId()));
				text(errors, "reason", request.reason());
				yield valid(errors)
						? this.working.reassign(id, request.version(), actor, request.toOwnerId(), request.reason())
						: null;
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
						? this.working.resolve(id, request.version(), actor,
								new CaseResolution(request.verdict(), request.harmConfirmed(), request.rootCause(),
										request.resolution(), request.resolutionNote(), request.summaryForReporter()))
						: null;
			}
			case "reopen" -> {
				text(errors, "reason", request.reason());
				yield valid(errors) ? this.working.reopen(id, request.version(), actor, request.reason()) : null;
			}
			default -> throw new WorkingOnCase.CaseNotFoundException(id);
		};
		if (result == null) {
			throw new InvalidActionException(errors);
		}
		return result;
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

	record CaseActionRequest(Long version, String note, String question, String toOwnerId, String reason,
			CaseResolution.Verdict verdict, CaseResolution.HarmConfirmed harmConfirmed, String rootCause,
			CaseResolution.Resolution resolution, String resolutionNote, String summaryForReporter) {
	}

	/** The caller may read the case but not act on it. */
	static class ReadOnlyCaseException extends RuntimeException {

		ReadOnlyCaseException() {
			super("You can read this case but not act on it: it is with its accountable owner.");
		}

	}

	static class InvalidActionException extends RuntimeException {

		final transient List<Map<String, String>> errors;

		InvalidActionException(List<Map<String, String>> errors) {
			super("Invalid case action");
			this.errors = errors;
		}

	}

}
