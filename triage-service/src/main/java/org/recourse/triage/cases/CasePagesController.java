package org.recourse.triage.cases;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.recourse.triage.registry.AiSystemRepository;
import org.recourse.triage.security.Staff;
import org.recourse.triage.security.StaffRole;
import org.recourse.triage.sla.SeriousIncident;
import org.recourse.triage.sla.Severity;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The owner's pages: {@code /cases}, the queue (owners: their own, plus cases escalated
 * to them; compliance: the governance queue or any owner's), nearest deadline first with
 * filters and paging; {@code /cases/{id}}, one case with the report, the SLA clocks and
 * time left, the conversation and the audit trail, and a form for each action the case
 * allows now. Actions post back and redirect (post/redirect/get) with what happened.
 */
@Controller
class CasePagesController {

	private static final int PAGE_SIZE = 20;

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z",
			Locale.ENGLISH);

	/** Root-cause categories offered when resolving. */
	static final List<String> ROOT_CAUSES = List.of("Training data", "Prompt or configuration", "Retrieval source",
			"Model limitation", "Integration bug", "Used outside its purpose", "Not an AI fault", "Other");

	private final OwnerQueue queues;

	private final CaseActions actions;

	private final Clock clock;

	private final AiSystemRepository systems;

	CasePagesController(OwnerQueue queues, CaseActions actions, Clock clock, AiSystemRepository systems) {
		this.queues = queues;
		this.actions = actions;
		this.clock = clock;
		this.systems = systems;
	}

	@GetMapping("/cases")
	String queue(@RequestParam(required = false) String owner, @RequestParam(required = false) Queue queue,
			@RequestParam(required = false) CaseState state, @RequestParam(required = false) Severity severity,
			@RequestParam(required = false) String system, @RequestParam(required = false) Boolean breached,
			@RequestParam(defaultValue = "0") int page, Model model) {
		Staff staff = Staff.current();
		boolean compliance = staff.is(StaffRole.COMPLIANCE);
		Queue shown = (queue != null) ? queue : (compliance && owner == null) ? Queue.GOVERNANCE : Queue.OWNER;
		String shownOwner = compliance ? owner : staff.id();
		if (!compliance && shown == Queue.GOVERNANCE) {
			throw new ResponseStatusException(HttpStatus.FORBIDDEN);
		}
		int safePage = Math.max(0, Math.min(page, OwnerQueue.MAX_OFFSET / PAGE_SIZE));
		if (state == CaseState.CLOSED) {
			model.addAttribute("problem", OwnerQueue.CLOSED_NOT_LISTED);
		}
		OwnerQueue.QueuePage found = (state == CaseState.CLOSED
				|| (shown == Queue.OWNER && (shownOwner == null || shownOwner.isBlank())))
						? new OwnerQueue.QueuePage(List.of(), 0) : this.queues.find(new OwnerQueue.QueueFilter(shown,
								shownOwner, state, severity, blankToNull(system), breached), safePage, PAGE_SIZE);
		Instant now = this.clock.instant();
		model.addAttribute("staff", staff);
		model.addAttribute("compliance", compliance);
		model.addAttribute("queue", shown);
		model.addAttribute("owner", shownOwner);
		model.addAttribute("state", state);
		model.addAttribute("severity", severity);
		model.addAttribute("system", system);
		model.addAttribute("breached", breached);
		model.addAttribute("states", OwnerQueue.LISTABLE_STATES);
		model.addAttribute("severities", Severity.values());
		Map<String, String> names = systemNames();
		model.addAttribute("rows", found.cases().stream().map((row) -> QueueRow.of(row, now, names)).toList());
		model.addAttribute("total", found.total());
		model.addAttribute("page", safePage);
		model.addAttribute("pages", Math.max(1, (found.total() + PAGE_SIZE - 1) / PAGE_SIZE));
		model.addAttribute("escalated", compliance ? List.of()
				: this.queues.escalatedTo(staff.id()).stream().map((row) -> QueueRow.of(row, now, names)).toList());
		return "staff/queue";
	}

	@GetMapping("/cases/{id}")
	String one(@PathVariable String id, Model model) {
		Staff staff = Staff.current();
		Case found = this.queues.one(id)
			.filter((candidate) -> CaseAccess.maySee(candidate, staff))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
		Instant now = this.clock.instant();
		ZoneId zone = ZoneId.of(found.getCalendarZone());
		boolean mayWork = CaseAccess.mayWork(found, staff);
		model.addAttribute("staff", staff);
		model.addAttribute("found", found);
		model.addAttribute("mayWork", mayWork);
		List<String> allowed = Arrays.stream(CaseAction.values())
			.filter((action) -> action != CaseAction.REPORTER_ANSWERED && !action.isRegulatory())
			.filter((action) -> mayWork && CaseLifecycle.allows(found.getState(), action))
			.map(Enum::name)
			.collect(Collectors.toCollection(ArrayList::new));
		regulatoryStep(found, staff).ifPresent((action) -> allowed.add(action.name()));
		model.addAttribute("allowed", allowed);
		model.addAttribute("categories", SeriousIncident.values());
		model.addAttribute("zone", zone.getId());
		model.addAttribute("clocks", clocks(found, now, zone));
		model.addAttribute("openedAt", format(found.getOpenedAt(), zone));
		model.addAttribute("systemName", systemName(found, systemNames()));
		model.addAttribute("happenedAt", format(found.getReport().happenedAt(), zone));
		model.addAttribute("verdicts", CaseResolution.Verdict.values());
		model.addAttribute("harms", CaseResolution.HarmConfirmed.values());
		model.addAttribute("resolutions", CaseResolution.Resolution.values());
		model.addAttribute("rootCauses", ROOT_CAUSES);
		model.addAttribute("timeline", timeline(found, zone));
		return "staff/case";
	}

	/**
	 * The step of the regulatory track {@code staff} may take now, if any: flag the case,
	 * or, once flagged, record the report to the authority.
	 */
	private static Optional<CaseAction> regulatoryStep(Case found, Staff staff) {
		if (!CaseAccess.mayKeepRegulatoryTrack(found, staff)
				|| !CaseLifecycle.allows(found.getState(), CaseAction.FLAG_SERIOUS_INCIDENT)) {
			return Optional.empty();
		}
		if (found.getSeriousIncident() == null) {
			return Optional.of(CaseAction.FLAG_SERIOUS_INCIDENT);
		}
		return (found.getRegulatoryReportedAt() == null) ? Optional.of(CaseAction.FILE_REGULATORY_REPORT)
				: Optional.empty();
	}

	/**
	 * A form post. The regulatory forms give their times as the browser's
	 * {@code datetime-local} ({@code awareAtLocal}, {@code filedAtLocal}), read in the
	 * case's time zone; left empty, the time is now.
	 */
	@PostMapping("/cases/{id}/{action}")
	String act(@PathVariable String id, @PathVariable String action,
			@ModelAttribute CaseActions.CaseActionRequest request, @RequestParam(required = false) String awareAtLocal,
			@RequestParam(required = false) String filedAtLocal, RedirectAttributes redirect) {
		try {
			if (hasText(awareAtLocal) || hasText(filedAtLocal)) {
				ZoneId zone = this.queues.one(id)
					.filter((found) -> CaseAccess.maySee(found, Staff.current()))
					.map((found) -> ZoneId.of(found.getCalendarZone()))
					.orElseThrow(() -> new WorkingOnCase.CaseNotFoundException(id));
				request = request.at(local(awareAtLocal, zone), local(filedAtLocal, zone));
			}
			this.actions.act(id, action, request, Staff.current());
			redirect.addFlashAttribute("notice", DONE.getOrDefault(action, "Done."));
		}
		catch (WorkingOnCase.CaseNotFoundException ex) {
			throw new ResponseStatusException(HttpStatus.NOT_FOUND);
		}
		catch (CaseActions.InvalidActionException ex) {
			redirect.addFlashAttribute("problem",
					"Not done: " + String.join("; ",
							ex.errors.stream()
								.map((error) -> error.get("field") + " " + error.get("message").toLowerCase())
								.toList())
							+ ".");
			redirect.addFlashAttribute("failedAction", action);
		}
		catch (TransitionRefusedException | WorkingOnCase.StaleCaseException | CaseActions.ReadOnlyCaseException ex) {
			redirect.addFlashAttribute("problem", "Not done: " + ex.getMessage());
		}
		catch (DateTimeException ex) {
			redirect.addFlashAttribute("problem", "Not done: give the time as a date and a time of day.");
		}
		return "redirect:/cases/" + id;
	}

	private static Instant local(String dateTime, ZoneId zone) {
		return hasText(dateTime) ? LocalDateTime.parse(dateTime).atZone(zone).toInstant() : null;
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

	private static final Map<String, String> DONE = Map.of("acknowledge", "Acknowledged. The reporter is told.",
			"question", "Question sent. The clock is paused until the reporter answers.", "progress",
			"Progress recorded.", "reassign", "Reassigned. The new owner now holds this case.", "resolve",
			"Resolved. The reporter is told the outcome.", "reopen", "Reopened.", "serious-incident",
			"Flagged as a potential serious incident. The regulatory clock runs until the report is filed.",
			"regulatory-report", "Regulatory report recorded. The regulatory clock is stopped.");

	private static List<ClockRow> clocks(Case found, Instant now, ZoneId zone) {
		List<ClockRow> rows = new ArrayList<>();
		rows.add(ClockRow.of("First response (acknowledge)", found.getAcknowledgeBy(), found.getAcknowledgedAt(),
				found.getPausedAt() != null, now, zone));
		rows.add(ClockRow.of("Resolution", found.getResolveBy(), found.getResolvedAt(), found.getPausedAt() != null,
				now, zone));
		if (found.getSeriousIncident() != null) {
			rows.add(ClockRow.of(
					"Regulatory report (EU AI Act Art. 73, "
							+ found.getSeriousIncident().name().toLowerCase(Locale.ROOT).replace('_', ' ') + ")",
					found.getRegulatoryReportDueAt(), found.getRegulatoryReportedAt(), false, now, zone));
		}
		return rows;
	}

	private static List<TimelineRow> timeline(Case found, ZoneId zone) {
		List<TimelineRow> rows = new ArrayList<>();
		found.getAudit()
			.forEach((entry) -> rows.add(new TimelineRow(entry.at(), format(entry.at(), zone), entry.actor(),
					entry.action().toLowerCase(Locale.ROOT).replace('_', ' '), entry.reason(), false)));
		found.getConversation()
			.forEach((message) -> rows.add(new TimelineRow(message.at(), format(message.at(), zone), "reporter",
					(message.kind() == ReporterMessage.Kind.CONTEST) ? "contested the outcome" : "replied",
					message.text(), true)));
		rows.sort((a, b) -> a.at().compareTo(b.at()));
		return rows;
	}

	/** The registry's names of the AI systems: few, read per page. */
	private Map<String, String> systemNames() {
		Map<String, String> names = new java.util.HashMap<>();
		this.systems.findAll().forEach((system) -> names.put(system.id(), system.name()));
		return names;
	}

	/**
	 * The registry's name, else the name the reporter typed ("not listed"), else the id.
	 */
	static String systemName(Case found, Map<String, String> names) {
		ReportDetails report = found.getReport();
		if (report.aiSystemId() != null && names.containsKey(report.aiSystemId())) {
			return names.get(report.aiSystemId());
		}
		return (report.aiSystemName() != null) ? report.aiSystemName() + " (not listed)"
				: String.valueOf(report.aiSystemId());
	}

	static String format(Instant at, ZoneId zone) {
		return (at != null) ? WHEN.format(at.atZone(zone)) : "";
	}

	static String timeLeft(Instant due, Instant now) {
		Duration left = Duration.between(now, due);
		String amount = human(left.abs());
		return left.isNegative() ? "overdue by " + amount : amount + " left";
	}

	private static String human(Duration duration) {
		long days = duration.toDays();
		long hours = duration.toHoursPart();
		long minutes = duration.toMinutesPart();
		if (days > 0) {
			return days + " d " + hours + " h";
		}
		if (hours > 0) {
			return hours + " h " + minutes + " min";
		}
		return Math.max(minutes, 1) + " min";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

	/** A line of the queue. */
	record QueueRow(String id, String system, String severity, String state, String due, String timeLeft,
			boolean breached, boolean escalated) {

		static QueueRow of(Case found, Instant now, Map<String, String> names) {
			Instant due = found.getNextDueAt();
			ZoneId zone = ZoneId.of(found.getCalendarZone());
			return new QueueRow(found.getId(), systemName(found, names), found.getSeverity().name(),
					found.getState().name().replace('_', ' ').toLowerCase(Locale.ROOT), format(due, zone),
					(due != null) ? CasePagesController.timeLeft(due, now)
							: (found.getPausedAt() != null) ? "paused" : "",
					!found.getBreachedClocks().isEmpty(), found.getEscalationLevel() > 0);
		}

	}

	/** One SLA clock of a case as the case page shows it. */
	record ClockRow(String name, String due, String status, boolean overdue) {

		static ClockRow of(String name, Instant due, Instant met, boolean paused, Instant now, ZoneId zone) {
			if (met != null) {
				return new ClockRow(name, format(due, zone),
						(met.isAfter(due) ? "met late, " : "met, ") + format(met, zone), false);
			}
			if (paused) {
				return new ClockRow(name, format(due, zone), "paused while the reporter answers", false);
			}
			return new ClockRow(name, format(due, zone), timeLeft(due, now), now.isAfter(due));
		}

	}

	/** An audit entry or a reporter message, in time order. */
	record TimelineRow(Instant at, String when, String who, String what, String detail, boolean fromReporter) {
	}

}
