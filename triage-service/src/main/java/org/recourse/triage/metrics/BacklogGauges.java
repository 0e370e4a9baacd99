package org.recourse.triage.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.bson.Document;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseLifecycle;
import org.recourse.triage.cases.CaseState;
import org.recourse.triage.registry.AiSystem;
import org.recourse.triage.registry.AiSystemRepository;
import org.recourse.triage.sla.EscalationChain;
import org.recourse.triage.sla.Severity;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;

/**
 * The open backlog by state, severity and age band, and one info series per AI system
 * naming its owner (for "by owner" dashboards and the no-owner alert), refreshed every
 * {@code recourse.metrics.refresh-interval} rather than on each scrape: one count per age
 * band over open cases only, so a scrape never touches the store and closed cases are
 * never read. Every replica publishes the same values; dashboards take the {@code max}
 * over instances.
 */
@Component
class BacklogGauges {

	/** Upper bounds of the age bands; the last band has none. */
	private static final List<AgeBand> BANDS = List.of(new AgeBand("lt_1d", Duration.ZERO, Duration.ofDays(1)),
			new AgeBand("1d_7d", Duration.ofDays(1), Duration.ofDays(7)),
			new AgeBand("7d_30d", Duration.ofDays(7), Duration.ofDays(30)),
			new AgeBand("gt_30d", Duration.ofDays(30), null));

	private final MongoTemplate mongo;

	private final AiSystemRepository systems;

	private final CaseMetrics caseMetrics;

	private final Clock clock;

	private final MultiGauge openCases;

	private final MultiGauge systemInfo;

	BacklogGauges(MongoTemplate mongo, AiSystemRepository systems, CaseMetrics caseMetrics, MeterRegistry meters,
			Clock clock) {
		this.mongo = mongo;
		this.systems = systems;
		this.caseMetrics = caseMetrics;
		this.clock = clock;
		this.openCases = MultiGauge.builder("recourse.cases.open")
			.description("Open cases by state, severity and age band")
			.register(meters);
		this.systemInfo = MultiGauge.builder("recourse.ai.system.info")
			.description("1 per registered AI system, labelled with its accountable owner (none when it has none)")
			.register(meters);
	}

	@Scheduled(fixedDelayString = "${recourse.metrics.refresh-interval:30s}", initialDelay = 0)
	void refresh() {
		refreshRegistry();
		refreshOpenCases();
	}

	private void refreshRegistry() {
		List<AiSystem> all = this.systems.findAll();
		all.forEach((system) -> this.caseMetrics.preRegister(system.id(),
				EscalationChain.of(system.hasOwner() ? system.owner().id() : null, system.escalationChain())));
		this.caseMetrics.preRegister(CaseMetrics.UNLISTED, EscalationChain.of(null, List.of()));
		this.systemInfo.register(all.stream()
			.map((system) -> MultiGauge.Row
				.of(Tags.of("system", system.id(), "owner", system.hasOwner() ? system.owner().id() : "none"), 1))
			.toList(), true);
	}

	private void refreshOpenCases() {
		Instant now = this.clock.instant();
		List<String> open = Arrays.stream(CaseState.values()).filter(CaseLifecycle::isOpen).map(Enum::name).toList();
		List<MultiGauge.Row<?>> rows = new ArrayList<>();
		for (AgeBand band : BANDS) {
			Map<String, Integer> counts = countOpen(open, band, now);
			for (String state : open) {
				for (Severity severity : Severity.values()) {
					rows.add(MultiGauge.Row.of(
							Tags.of("state", state.toLowerCase(Locale.ROOT), "severity",
									severity.name().toLowerCase(Locale.ROOT), "age", band.name()),
							counts.getOrDefault(state + "/" + severity.name(), 0)));
				}
			}
		}
		this.openCases.register(rows, true);
	}

	private Map<String, Integer> countOpen(List<String> open, AgeBand band, Instant now) {
		Criteria opened = Criteria.where("openedAt").lte(now.minus(band.from()));
		if (band.to() != null) {
			opened = opened.gt(now.minus(band.to()));
		}
		Aggregation count = Aggregation.newAggregation(
				Aggregation.match(Criteria.where("state").in(open).andOperator(opened)),
				Aggregation.group("state", "severity").count().as("count"));
		Map<String, Integer> counts = new HashMap<>();
		for (Document row : this.mongo.aggregate(count, Case.class, Document.class).getMappedResults()) {
			Document id = row.get("_id", Document.class);
			counts.put(id.getString("state") + "/" + id.getString("severity"), ((Number) row.get("count")).intValue());
		}
		return counts;
	}

	private record AgeBand(String name, Duration from, Duration to) {
	}

}
