package org.recourse.triage.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseResolution.Verdict;
import org.recourse.triage.registry.AiSystemRepository;
import org.recourse.triage.sla.EscalationChain;
import org.recourse.triage.sla.SeriousIncident;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaClock;
import org.recourse.triage.sla.SlaStep;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The counters and histograms of a case's life, recorded after each change was saved.
 * Every label value is bounded: {@code system} is a registry id (anything else is
 * {@code unlisted}), the others are enums. {@link #preRegister(String)} creates each
 * system's series at zero so that Prometheus's {@code increase()} sees a system's first
 * report, breach or verdict.
 */
@Component
public class CaseMetrics {

	static final String UNLISTED = "unlisted";

	/**
	 * The SLA targets as calendar time, and the calendar time business-day targets
	 * usually take (1 business day ≈ 1–3 days, 10 ≈ 14, 20 ≈ 28, 30 ≈ 42).
	 */
	private static final Duration[] SLA_BUCKETS = { Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofHours(4),
			Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7),
			Duration.ofDays(10), Duration.ofDays(14), Duration.ofDays(20), Duration.ofDays(28), Duration.ofDays(30),
			Duration.ofDays(42) };

	private static final List<String> KINDS = List.of("WRONG_OUTPUT", "HARMFUL_OUTPUT", "MANDATED_AI_CONCERN");

	private final MeterRegistry meters;

	private final AiSystemRepository systems;

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	public CaseMetrics(MeterRegistry meters, AiSystemRepository systems) {
		this.meters = meters;
		this.systems = systems;
	}

	public void routed(Case opened) {
		String system = system(opened);
		this.meters
			.counter("recourse.reports.received", "system", system, "kind", kind(opened), "severity", severity(opened))
			.increment();
		this.meters
			.counter("recourse.cases.routed", "queue", opened.getQueue().name(), "severity",
					opened.getSeverity().name())
			.increment();
	}

	/**
	 * Acknowledging and resolving leave the set of breached clocks as it was, so a clock
	 * the scanner already counted as breached is not counted again.
	 */
	public void acknowledged(Case acknowledged) {
		if (acknowledged.getAcknowledgedAt() == null) {
			return;
		}
		timeTo("acknowledge", acknowledged)
			.record(Duration.between(acknowledged.getOpenedAt(), acknowledged.getAcknowledgedAt()));
		clockStopped(acknowledged, SlaClock.FIRST_RESPONSE, acknowledged.getAcknowledgedAt(),
				acknowledged.getAcknowledgeBy());
	}

	public void resolved(Case resolved) {
		timeTo("resolve", resolved).record(Duration.between(resolved.getOpenedAt(), resolved.getResolvedAt()));
		clockStopped(resolved, SlaClock.RESOLUTION, resolved.getResolvedAt(), resolved.getResolveBy());
		Verdict verdict = resolved.getResolution().verdict();
		this.meters.counter("recourse.verdicts", "system", system(resolved), "verdict", label(verdict)).increment();
		if (!"mandated_ai_concern".equals(kind(resolved))) {
			this.meters
				.counter("recourse.verdict.agreement", "system", system(resolved), "agreement",
						(verdict == Verdict.CORRECT) ? "disagreed" : "agreed")
				.increment();
		}
	}

	/** A potential serious incident flagged, by its deadline class. */
	public void seriousIncidentFlagged(Case flagged) {
		this.meters
			.counter("recourse.serious.incidents.flagged", "system", system(flagged), "category",
					label(flagged.getSeriousIncident()))
			.increment();
	}

	/**
	 * The regulatory clock stopped: met, or breached unless the scanner already counted
	 * it.
	 */
	public void regulatoryReportFiled(Case filed) {
		clockStopped(filed, SlaClock.REGULATORY, filed.getRegulatoryReportedAt(), filed.getRegulatoryReportDueAt());
	}

	public void contested(Case contested) {
		this.meters.counter("recourse.outcomes.contested", "system", system(contested)).increment();
	}

	public void reopened(Case reopened) {
		this.meters.counter("recourse.cases.reopened", "system", system(reopened)).increment();
	}

	/** The scanner's steps; a clock breached in this check counts as one breach. */
	public void slaChecked(Case checked, Set<SlaClock> breachedBefore, List<SlaStep> steps) {
		checked.getBreachedClocks()
			.stream()
			.filter((clock) -> !breachedBefore.contains(clock))
			.forEach((clock) -> outcome(checked, clock, "breached").increment());
		for (SlaStep step : steps) {
			if (step instanceof SlaStep.Warning warning) {
				this.meters
					.counter("recourse.sla.warnings", "clock", label(warning.clock()), "severity", severity(checked))
					.increment();
			}
			else if (step instanceof SlaStep.Escalation escalation) {
				this.meters
					.counter("recourse.sla.escalations", "clock", label(escalation.clock()), "level",
							String.valueOf(escalation.level()), "to",
							EscalationChain.COMPLIANCE.equals(escalation.escalatedTo()) ? "compliance" : "staff",
							"severity", severity(checked), "system", system(checked))
					.increment();
			}
			else {
				this.meters.counter("recourse.sla.deescalations").increment();
			}
		}
	}

	/**
	 * Creates a system's series at zero (idempotent): {@code chain} is the escalation
	 * chain its cases get, so that the levels they can climb to are known.
	 */
	void preRegister(String system, List<String> chain) {
		for (Severity severity : Severity.values()) {
			String sev = label(severity);
			KINDS.forEach((kind) -> this.meters.counter("recourse.reports.received", "system", system, "kind",
					kind.toLowerCase(Locale.ROOT), "severity", sev));
			for (SlaClock clock : SlaClock.values()) {
				for (String outcome : List.of("met", "breached")) {
					this.meters.counter("recourse.sla.outcomes", "system", system, "severity", sev, "clock",
							label(clock), "outcome", outcome);
				}
				for (int level = 1; level < chain.size(); level++) {
					this.meters.counter("recourse.sla.escalations", "clock", label(clock), "level",
							String.valueOf(level), "to", (level == chain.size() - 1) ? "compliance" : "staff",
							"severity", sev, "system", system);
				}
				this.meters.counter("recourse.sla.warnings", "clock", label(clock), "severity", sev);
			}
			for (String queue : List.of("OWNER", "GOVERNANCE")) {
				this.meters.counter("recourse.cases.routed", "queue", queue, "severity", severity.name());
			}
			timeTo("acknowledge", system, sev);
			timeTo("resolve", system, sev);
		}
		for (Verdict verdict : Verdict.values()) {
			this.meters.counter("recourse.verdicts", "system", system, "verdict", label(verdict));
		}
		this.meters.counter("recourse.verdict.agreement", "system", system, "agreement", "agreed");
		this.meters.counter("recourse.verdict.agreement", "system", system, "agreement", "disagreed");
		this.meters.counter("recourse.outcomes.contested", "system", system);
		this.meters.counter("recourse.cases.reopened", "system", system);
		for (SeriousIncident category : SeriousIncident.values()) {
			this.meters.counter("recourse.serious.incidents.flagged", "system", system, "category", label(category));
		}
	}

	/**
	 * Counts a clock's outcome once: a clock the scanner already counted as breached is
	 * not counted again, even when the stop is dated before its due time (a regulatory
	 * report recorded late but filed in time).
	 */
	private void clockStopped(Case stopped, SlaClock clock, Instant at, Instant due) {
		if (stopped.getBreachedClocks().contains(clock)) {
			return;
		}
		outcome(stopped, clock, at.isAfter(due) ? "breached" : "met").increment();
	}

	private Counter outcome(Case of, SlaClock clock, String outcome) {
		return this.meters.counter("recourse.sla.outcomes", "system", system(of), "severity", severity(of), "clock",
				label(clock), "outcome", outcome);
	}

	private Timer timeTo(String what, Case of) {
		return timeTo(what, system(of), severity(of));
	}

	private Timer timeTo(String what, String system, String severity) {
		return Timer.builder("recourse.case.time.to." + what)
			.description("Calendar time from the case opening to its " + what)
			.tags("system", system, "severity", severity)
			.serviceLevelObjectives(SLA_BUCKETS)
			.register(this.meters);
	}

	/**
	 * The case's system as a label: its registry id once the registry has it (remembered,
	 * so routing does not read the registry again for every metric of every case; ids are
	 * never removed from the registry), else {@code unlisted} (asked again each time: the
	 * system may be registered later).
	 */
	private String system(Case of) {
		String id = of.getReport().aiSystemId();
		if (id == null) {
			return UNLISTED;
		}
		if (this.registered.contains(id)) {
			return id;
		}
		if (this.systems.existsById(id)) {
			this.registered.add(id);
			return id;
		}
		return UNLISTED;
	}

	private static String kind(Case of) {
		String kind = of.getReport().kind();
		return (kind != null && KINDS.contains(kind)) ? kind.toLowerCase(Locale.ROOT) : "other";
	}

	private static String severity(Case of) {
		return label(of.getSeverity());
	}

	private static String label(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

}
