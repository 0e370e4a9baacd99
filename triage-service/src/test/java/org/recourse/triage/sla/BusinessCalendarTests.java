package org.recourse.triage.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Expected instants are worked out by hand and written in UTC; the comments give the
 * local wall-clock time they stand for. Berlin is UTC+2 in summer (CEST) and UTC+1 in
 * winter (CET).
 */
class BusinessCalendarTests {

	private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

	private final BusinessCalendar berlin = BusinessCalendar.officeHours(BERLIN);

	@Test
	void addsWorkingTimeWithinOneDay() {
		// Wed 10 June 10:00 CEST + 3h = 13:00 CEST
		assertThat(this.berlin.plusWorkingTime(utc("2026-06-10T08:00:00Z"), Duration.ofHours(3)))
			.isEqualTo(utc("2026-06-10T11:00:00Z"));
	}

	@Test
	void carriesWorkingTimeOverTheNightToTheNextOpening() {
		// Wed 15:00 CEST: 2h until closing, the third hour on Thu from 09:00
		assertThat(this.berlin.plusWorkingTime(utc("2026-06-10T13:00:00Z"), Duration.ofHours(3)))
			.isEqualTo(utc("2026-06-11T08:00:00Z"));
	}

	@Test
	void startsCountingAtOpeningWhenStartedBeforeIt() {
		// Wed 06:30 CEST counts from 09:00
		assertThat(this.berlin.plusWorkingTime(utc("2026-06-10T04:30:00Z"), Duration.ofHours(1)))
			.isEqualTo(utc("2026-06-10T08:00:00Z"));
	}

	@Test
	void startsCountingNextWorkingMorningWhenStartedAfterClosing() {
		// Wed 19:00 CEST counts from Thu 09:00
		assertThat(this.berlin.plusWorkingTime(utc("2026-06-10T17:00:00Z"), Duration.ofHours(1)))
			.isEqualTo(utc("2026-06-11T08:00:00Z"));
	}

	@Test
	void endsAtClosingTimeWhenTheDayIsUsedUpExactly() {
		// Mon 09:00 CEST + one full working day = Mon 17:00 CEST, not Tue 09:00
		assertThat(this.berlin.plusWorkingTime(utc("2026-06-08T07:00:00Z"), Duration.ofHours(8)))
			.isEqualTo(utc("2026-06-08T15:00:00Z"));
	}

	@Test
	void skipsTheWeekend() {
		// Sat 13 June 11:00 CEST counts from Mon 15 June 09:00, so 2h later is Mon 11:00
		// CEST
		assertThat(this.berlin.plusWorkingTime(utc("2026-06-13T09:00:00Z"), Duration.ofHours(2)))
			.isEqualTo(utc("2026-06-15T09:00:00Z"));
	}

	@Test
	void carriesFridayEveningStartToMondayMorning() {
		// Fri 12 June 18:30 CEST + 30 min = Mon 15 June 09:30 CEST
		assertThat(this.berlin.plusWorkingTime(utc("2026-06-12T16:30:00Z"), Duration.ofMinutes(30)))
			.isEqualTo(utc("2026-06-15T07:30:00Z"));
	}

	@Test
	void startsTheClockAtNextOpeningForZeroWorkingTime() {
		// Sat 13 June 11:00 CEST + 0 = Mon 15 June 09:00 CEST
		assertThat(this.berlin.plusWorkingTime(utc("2026-06-13T09:00:00Z"), Duration.ZERO))
			.isEqualTo(utc("2026-06-15T07:00:00Z"));
	}

	@Test
	void skipsHolidays() {
		BusinessCalendar christmas = new BusinessCalendar(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0),
				EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
				Set.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25)));
		// Wed 23 Dec 16:00 CET: 1h that day; Thu and Fri are holidays; 1h on Mon 28 Dec
		assertThat(christmas.plusWorkingTime(utc("2026-12-23T15:00:00Z"), Duration.ofHours(2)))
			.isEqualTo(utc("2026-12-28T09:00:00Z"));
	}

	@Test
	void countsWorkingHoursInTheCalendarsOwnZoneFarFromUtc() {
		BusinessCalendar kiritimati = BusinessCalendar.officeHours(ZoneId.of("Pacific/Kiritimati"));
		// Sun 14 June 19:00 UTC is already Mon 15 June 09:00 at UTC+14
		assertThat(kiritimati.plusWorkingTime(utc("2026-06-14T19:00:00Z"), Duration.ofHours(1)))
			.isEqualTo(utc("2026-06-14T20:00:00Z"));
		// Fri 12 June 03:30 UTC is Fri 17:30 there, after closing: counts from Mon 09:00
		assertThat(kiritimati.plusWorkingTime(utc("2026-06-12T03:30:00Z"), Duration.ofHours(1)))
			.isEqualTo(utc("2026-06-14T20:00:00Z"));
	}

	@Test
	void keepsLocalOpeningHoursAcrossTheSpringClockChange() {
		// Fri 27 March 16:00 CET: 1h that day; clocks go forward on Sun 29 March; 1h on
		// Mon from 09:00 CEST
		assertThat(this.berlin.plusWorkingTime(utc("2026-03-27T15:00:00Z"), Duration.ofHours(2)))
			.isEqualTo(utc("2026-03-30T08:00:00Z"));
	}

	@Test
	void keepsLocalOpeningHoursAcrossTheAutumnClockChange() {
		// Fri 23 October 16:00 CEST: 1h that day; clocks go back on Sun 25 October; 1h on
		// Mon from 09:00 CET
		assertThat(this.berlin.plusWorkingTime(utc("2026-10-23T14:00:00Z"), Duration.ofHours(2)))
			.isEqualTo(utc("2026-10-26T09:00:00Z"));
	}

	@Test
	void countsElapsedHoursOnTheDayTheClocksGoForward() {
		BusinessCalendar nights = everyDay(LocalTime.of(1, 0), LocalTime.of(4, 0));
		// Sun 29 March 01:00 to 04:00 local is only 2 real hours (02:00 to 03:00 does not
		// exist);
		// the remaining 30 min are Mon 30 March 01:00 to 01:30 CEST
		assertThat(nights.plusWorkingTime(utc("2026-03-29T00:00:00Z"), Duration.ofMinutes(150)))
			.isEqualTo(utc("2026-03-29T23:30:00Z"));
	}

	@Test
	void countsElapsedHoursOnTheDayTheClocksGoBack() {
		BusinessCalendar nights = everyDay(LocalTime.of(1, 0), LocalTime.of(4, 0));
		// Sun 25 October 01:00 CEST to 04:00 CET is 4 real hours (02:00 to 03:00 happens
		// twice):
		// 3h30 after 01:00 CEST is 03:30 CET, still that day
		assertThat(nights.plusWorkingTime(utc("2026-10-24T23:00:00Z"), Duration.ofMinutes(210)))
			.isEqualTo(utc("2026-10-25T02:30:00Z"));
	}

	@Test
	void countsWholeDaysOfBusinessTimeAsWorkingDays() {
		// Tue 9 June 11:00 CEST + 2 business days = Thu 11 June 11:00 CEST
		assertThat(this.berlin.plusBusinessTime(utc("2026-06-09T09:00:00Z"), Duration.ofDays(2)))
			.isEqualTo(utc("2026-06-11T09:00:00Z"));
		// + 10 business days spans two weekends: Tue 23 June 11:00 CEST
		assertThat(this.berlin.plusBusinessTime(utc("2026-06-09T09:00:00Z"), Duration.ofDays(10)))
			.isEqualTo(utc("2026-06-23T09:00:00Z"));
	}

	@Test
	void addsTheRemainderOfBusinessTimeAsWorkingHours() {
		// Mon 8 June 15:00 CEST + 1 business day and 3h = 11 working hours: 2h Mon, 8h
		// Tue, 1h Wed
		assertThat(this.berlin.plusBusinessTime(utc("2026-06-08T13:00:00Z"), Duration.ofDays(1).plusHours(3)))
			.isEqualTo(utc("2026-06-10T08:00:00Z"));
	}

	@Test
	void doesNotCountHolidaysAsBusinessDays() {
		BusinessCalendar christmas = new BusinessCalendar(BERLIN, LocalTime.of(9, 0), LocalTime.of(17, 0),
				EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
				Set.of(LocalDate.of(2026, 12, 24), LocalDate.of(2026, 12, 25), LocalDate.of(2026, 12, 26)));
		// Wed 23 Dec 10:00 CET + 2 business days: 7h Wed, holidays and weekend, 8h Mon
		// 28, 1h Tue 29
		assertThat(christmas.plusBusinessTime(utc("2026-12-23T09:00:00Z"), Duration.ofDays(2)))
			.isEqualTo(utc("2026-12-29T09:00:00Z"));
	}

	@Test
	void refusesWorkingHoursThatEndBeforeTheyStart() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BusinessCalendar(BERLIN, LocalTime.of(22, 0),
				LocalTime.of(6, 0), EnumSet.allOf(DayOfWeek.class), Set.of()));
	}

	@Test
	void refusesEmptyWorkingHours() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BusinessCalendar(BERLIN, LocalTime.of(9, 0),
				LocalTime.of(9, 0), EnumSet.allOf(DayOfWeek.class), Set.of()));
	}

	@Test
	void refusesACalendarWithoutWorkingDays() {
		assertThatIllegalArgumentException().isThrownBy(() -> new BusinessCalendar(BERLIN, LocalTime.of(9, 0),
				LocalTime.of(17, 0), EnumSet.noneOf(DayOfWeek.class), Set.of()));
	}

	@Test
	void refusesNegativeWorkingTime() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.berlin.plusWorkingTime(utc("2026-06-10T08:00:00Z"), Duration.ofHours(-1)));
	}

	private static BusinessCalendar everyDay(LocalTime start, LocalTime end) {
		return new BusinessCalendar(BERLIN, start, end, EnumSet.allOf(DayOfWeek.class), Set.of());
	}

	private static Instant utc(String instant) {
		return Instant.parse(instant);
	}

	@Test
	void measuresTheWorkingTimeBetweenTwoInstantsAcrossANightAndAWeekend() {
		BusinessCalendar berlin = BusinessCalendar.officeHours(java.time.ZoneId.of("Europe/Berlin"));
		// Friday 12 June 2026 15:00 Berlin to Monday 15 June 11:00 Berlin: 2 h + 2 h
		assertThat(
				berlin.workingTimeBetween(Instant.parse("2026-06-12T13:00:00Z"), Instant.parse("2026-06-15T09:00:00Z")))
			.isEqualTo(java.time.Duration.ofHours(4));
		assertThat(
				berlin.workingTimeBetween(Instant.parse("2026-06-15T09:00:00Z"), Instant.parse("2026-06-12T13:00:00Z")))
			.isZero();
	}

	@Test
	void goesBackInWorkingTimeOverAWeekend() {
		// Mon 15 June 10:00 CEST back 3h: 1h on Monday, 2h before Friday's 17:00 = Fri
		// 15:00 CEST
		assertThat(this.berlin.minusWorkingTime(utc("2026-06-15T08:00:00Z"), Duration.ofHours(3)))
			.isEqualTo(utc("2026-06-12T13:00:00Z"));
	}

	@Test
	void goingBackMirrorsGoingForward() {
		Instant start = utc("2026-06-10T13:20:00Z");
		Instant end = this.berlin.plusWorkingTime(start, Duration.ofHours(13));
		assertThat(this.berlin.minusWorkingTime(end, Duration.ofHours(13))).isEqualTo(start);
		assertThat(this.berlin.minusWorkingTime(end, Duration.ZERO)).isEqualTo(end);
	}

}
