package org.recourse.events.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventChecksTests {

	private static final Instant NOW = Instant.parse("2026-06-09T09:00:00Z");

	private static final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

	@Test
	void acceptsTimesFrom2020UpToAnHourAhead() {
		assertThat(EventChecks.happened("E.occurredAt", EventChecks.EARLIEST, clock)).isEqualTo(EventChecks.EARLIEST);
		assertThat(EventChecks.happened("E.occurredAt", NOW.plus(Duration.ofMinutes(59)), clock)).isNotNull();
		assertThat(EventChecks.happened("E.occurredAt", null, clock)).isNull();
	}

	@Test
	void refusesATimeBeforeTimeNamingTheFieldButNotTheValue() {
		assertThatExceptionOfType(UnprocessableEventException.class)
			.isThrownBy(() -> EventChecks.happened("E.occurredAt", Instant.ofEpochMilli(Long.MIN_VALUE), clock))
			.withMessage("E.occurredAt is before 2020-01-01");
	}

	@Test
	void refusesATimeFromTheFuture() {
		assertThatExceptionOfType(UnprocessableEventException.class)
			.isThrownBy(() -> EventChecks.happened("E.occurredAt", NOW.plus(Duration.ofHours(2)), clock))
			.withMessage("E.occurredAt is more than 1 hour ahead of this service's clock");
	}

	@Test
	void refusesDeadlinesBefore2020OrDecadesAway() {
		assertThat(EventChecks.deadline("E.dueAt", NOW.plus(Duration.ofDays(42)), NOW)).isNotNull();
		assertThatExceptionOfType(UnprocessableEventException.class)
			.isThrownBy(() -> EventChecks.deadline("E.dueAt", Instant.EPOCH, NOW))
			.withMessage("E.dueAt is before 2020-01-01");
		assertThatExceptionOfType(UnprocessableEventException.class)
			.isThrownBy(() -> EventChecks.deadline("E.dueAt", Instant.ofEpochMilli(Long.MAX_VALUE), NOW))
			.withMessage("E.dueAt is more than 10 years after the event");
	}

	@Test
	void refusesIdsThatAreNoUuids() {
		String id = UUID.randomUUID().toString();
		assertThat(EventChecks.uuid("E.caseId", id)).isEqualTo(id);
		for (String notAnId : new String[] { "../../admin", "1-1-1-1-1", id + "?x", "" }) {
			assertThatExceptionOfType(UnprocessableEventException.class)
				.isThrownBy(() -> EventChecks.uuid("E.caseId", notAnId))
				.withMessage("E.caseId is not a UUID");
		}
	}

	@Test
	void refusesTextLongerThanItsProducerAccepts() {
		assertThat(EventChecks.text("E.message", "x".repeat(10), 10)).hasSize(10);
		assertThatExceptionOfType(UnprocessableEventException.class)
			.isThrownBy(() -> EventChecks.text("E.message", "secret words".repeat(2), 10))
			.withMessage("E.message is longer than 10 characters");
	}

}
