package org.recourse.triage.sla;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SeriousIncidentTests {

	// a Friday evening before the EU's change to winter time: calendar time ignores both
	private static final Instant AWARE = Instant.parse("2026-10-23T18:30:00Z");

	@Test
	void givesFifteenCalendarDaysToReportASeriousIncident() {
		assertThat(SeriousIncident.OTHER_SERIOUS_INCIDENT.reportDueAt(AWARE))
			.isEqualTo(Instant.parse("2026-11-07T18:30:00Z"));
	}

	@Test
	void givesTenDaysForADeath() {
		assertThat(SeriousIncident.DEATH.reportDueAt(AWARE)).isEqualTo(Instant.parse("2026-11-02T18:30:00Z"));
	}

	@Test
	void givesTwoDaysForAWidespreadInfringementOrACriticalInfrastructureDisruption() {
		assertThat(SeriousIncident.WIDESPREAD_INFRINGEMENT.reportDueAt(AWARE))
			.isEqualTo(Instant.parse("2026-10-25T18:30:00Z"));
		assertThat(SeriousIncident.CRITICAL_INFRASTRUCTURE_DISRUPTION.reportDueAt(AWARE))
			.isEqualTo(Instant.parse("2026-10-25T18:30:00Z"));
	}

	@Test
	void warnsWithAQuarterOfTheTimeLeft() {
		assertThat(SeriousIncident.WIDESPREAD_INFRINGEMENT.warnAt(AWARE))
			.isEqualTo(Instant.parse("2026-10-25T06:30:00Z"));
	}

}
