package org.recourse.triage.cases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.recourse.triage.security.Staff;
import org.recourse.triage.sla.SeriousIncident;

import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * The owner actions as the API and the pages offer them: acknowledge, question, progress,
 * reassign, resolve, reopen, and the regulatory track of a potential serious incident
 * (serious-incident, regulatory-report). Checks who may act ({@link CaseAccess}),
 * validates the fields the action needs, and hands over to {@link WorkingOnCase} with the
 * signed-in staff member as the actor.
 */
@Service
class CaseActions {

	static final int MAX_TEXT = 5000;

	/** The actions of the regulatory track, which compliance may take on any case. */
	static final Set<String> REGULATORY = Set.of("serious-incident", "regulatory-report");

	private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

	private final WorkingOnCase working;

	private final OwnerQueue queues;

	private final Clock clock;

	CaseActions(WorkingOnCase working, OwnerQueue queues, Clock clock) {
		this.working = working;
		this.queues = queues;
		this.clock = clock;
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
		boolean regulatory = REGULATORY.contains(action);
		if (!(regulatory ? CaseAccess.mayKeepRegulatoryTrack(current, staff) : CaseAccess.mayWork(current, staff))) {
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
			case "serious-incident" -> {
				require(errors, "category", request.category() != null);
				text(errors, "reason", request.reason());
				Instant awareAt = (request.awareAt() != null) ? request.awareAt() : this.clock.instant();
				Instant happened = (current.getReport().happenedAt() != null) ? current.getReport().happenedAt()
						: current.getOpenedAt();
				within(errors, "awareAt", awareAt, happened, "when the reported output happened");
				yield valid(errors) ? this.working.flagSeriousIncident(id, request.version(), actor, request.category(),
						awareAt, request.reason()) : null;
			}
			case "regulatory-report" -> {
				text(errors, "reference", request.reference());
				Instant filedAt = (request.filedAt() != null) ? request.filedAt() : this.clock.instant();
				if (current.getAwareAt() != null) {
					within(errors, "filedAt", filedAt, current.getAwareAt(), "when the provider became aware");
				}
				yield valid(errors)
						? this.working.fileRegulatoryReport(id, request.version(), actor, request.reference(), filedAt)
						: null;
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

	/**
	 * {@code at} lies between {@code earliest} and now (a minute of clock skew allowed).
	 */
	private void within(List<Map<String, String>> errors, String field, Instant at, Instant earliest,
			String earliestMeans) {
		if (at.isAfter(this.clock.instant().plus(CLOCK_SKEW))) {
			errors.add(Map.of("field", field, "message", "Must not be in the future"));
		}
		else if (at.isBefore(earliest)) {
			errors
				.add(Map.of("field", field, "message", "Must not be before " + earliestMeans + " (" + earliest + ")"));
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
			CaseResolution.Resolution resolution, String resolutionNote, String summaryForReporter,
			SeriousIncident category, Instant awareAt, String reference, Instant filedAt) {

		/** The same request with the times a page form gave in the case's time zone. */
		CaseActionRequest at(Instant awareAt, Instant filedAt) {
			return new CaseActionRequest(this.version, this.note, this.question, this.toOwnerId, this.reason,
					this.verdict, this.harmConfirmed, this.rootCause, this.resolution, this.resolutionNote,
					this.summaryForReporter, this.category, (awareAt != null) ? awareAt : this.awareAt, this.reference,
					(filedAt != null) ? filedAt : this.filedAt);
		}

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
