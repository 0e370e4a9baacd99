package org.recourse.triage.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.recourse.triage.sla.SlaPolicy.Deadlines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Cases open on Tue 9 June 2026 at 11:00 CEST (09:00 UTC) under Berlin office hours
 * unless a test says otherwise; n business days later is then the same time n working
 * days on, as June 2026 has no holidays in this calendar.
 */
class SlaPolicyTests {

	private static final Instant TUESDAY_MORNING = Instant.parse("2026-06-09T09:00:00Z");

	private static final Instant SATURDAY_MORNING = Instant.parse("2026-06-13T10:00:00Z");

	private final SlaPolicy policy = SlaPolicy.standard();

	private final BusinessCalendar berlin = BusinessCalendar.officeHours(ZoneId.of("Europe/Berlin"));

	@Test
	void givesCriticalReportsOneHourAndTwoCalendarDays() {
		assertThat(deadlines(TUESDAY_MORNING, Severity.CRITICAL, false))
			.isEqualTo(new Deadlines(Instant.parse("2026-06-09T10:00:00Z"), Instant.parse("2026-06-11T09:00:00Z")));
	}

	@Test
	void runsTheCriticalClockThroughTheWeekend() {
		assertThat(deadlines(SATURDAY_MORNING, Severity.CRITICAL, false))
			.isEqualTo(new Deadlines(Instant.parse("2026-06-13T11:00:00Z"), Instant.parse("2026-06-15T10:00:00Z")));
	}

	@Test
	void givesHighReportsOneAndTenBusinessDays() {
		assertThat(deadlines(TUESDAY_MORNING, Severity.HIGH, false))
			.isEqualTo(new Deadlines(Instant.parse("2026-06-10T09:00:00Z"), Instant.parse("2026-06-23T09:00:00Z")));
	}

	@Test
	void givesMediumReportsTwoAndTwentyBusinessDays() {
		assertThat(deadlines(TUESDAY_MORNING, Severity.MEDIUM, false))
			.isEqualTo(new Deadlines(Instant.parse("2026-06-11T09:00:00Z"), Instant.parse("2026-07-07T09:00:00Z")));
	}

	@Test
	void givesLowReportsFiveAndThirtyBusinessDays() {
		assertThat(deadlines(TUESDAY_MORNING, Severity.LOW, false))
			.isEqualTo(new Deadlines(Instant.parse("2026-06-16T09:00:00Z"), Instant.parse("2026-07-21T09:00:00Z")));
	}

	@Test
	void startsTheBusinessClockOfAWeekendReportOnMonday() {
		// Sat 12:00 CEST: 1 business day from Mon 09:00 CEST is Mon 17:00 CEST
		assertThat(deadlines(SATURDAY_MORNING, Severity.HIGH, false).acknowledgeBy())
			.isEqualTo(Instant.parse("2026-06-15T15:00:00Z"));
	}

	@ParameterizedTest
	@EnumSource(Severity.class)
	void givesMandatedAiConcernsTwoAndTenBusinessDaysWhateverTheSeverity(Severity severity) {
		assertThat(deadlines(TUESDAY_MORNING, severity, true))
			.isEqualTo(new Deadlines(Instant.parse("2026-06-11T09:00:00Z"), Instant.parse("2026-06-23T09:00:00Z")));
	}

	@Test
	void keepsMandatedAiConcernsOnBusinessTimeEvenWhenCritical() {
		// Sat: the clock starts Mon 15 June 09:00 CEST; 2 days end Tue 17:00, 10 days end
		// Fri 26 June 17:00
		assertThat(deadlines(SATURDAY_MORNING, Severity.CRITICAL, true))
			.isEqualTo(new Deadlines(Instant.parse("2026-06-16T15:00:00Z"), Instant.parse("2026-06-26T15:00:00Z")));
	}

	@Test
	void refusesAPolicyWithoutATargetForEverySeverity() {
		Map<Severity, SlaTarget> targets = new EnumMap<>(Severity.class);
		targets.put(Severity.HIGH, SlaTarget.businessDays(1, 10));
		assertThatIllegalArgumentException().isThrownBy(() -> new SlaPolicy(targets, SlaTarget.businessDays(2, 10)));
	}

	@Test
	void choosesTheMandatedAiTargetOverTheSeverityTarget() {
		assertThat(this.policy.targetFor(Severity.CRITICAL, false))
			.isEqualTo(new SlaTarget(Duration.ofHours(1), Duration.ofDays(2), false));
		assertThat(this.policy.targetFor(Severity.CRITICAL, true))
			.isEqualTo(new SlaTarget(Duration.ofDays(2), Duration.ofDays(10), true));
	}

	private Deadlines deadlines(Instant openedAt, Severity severity, boolean mandatedAiConcern) {
		return this.policy.deadlines(openedAt, severity, mandatedAiConcern, this.berlin);
	}

}
