package org.recourse.triage.sla;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.Set;

/**
 * When an AI system's owners work: a time zone, daily working hours, working days and
 * holidays. Business time only runs inside working hours; a business day is one day's
 * working hours.
 */
public record BusinessCalendar(ZoneId zone, LocalTime workStart, LocalTime workEnd, Set<DayOfWeek> workDays,
		Set<LocalDate> holidays) {

	private static final int MAX_DAYS_SCANNED = 3 * 366;

	public BusinessCalendar {
		if (!workStart.isBefore(workEnd)) {
			throw new IllegalArgumentException("Working hours must start before they end");
		}
		if (workDays.isEmpty()) {
			throw new IllegalArgumentException("A calendar needs at least one working day");
		}
		workDays = Set.copyOf(workDays);
		holidays = Set.copyOf(holidays);
	}

	/** Monday to Friday, 09:00 to 17:00, no holidays. */
	public static BusinessCalendar officeHours(ZoneId zone) {
		return new BusinessCalendar(zone, LocalTime.of(9, 0), LocalTime.of(17, 0),
				EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of());
	}

	public Duration workingDay() {
		return Duration.between(this.workStart, this.workEnd);
	}

	public boolean isWorkingDay(LocalDate date) {
		return this.workDays.contains(date.getDayOfWeek()) && !this.holidays.contains(date);
	}

	/**
	 * The instant at which {@code amount} of working time has passed after {@code start}.
	 * Time before the day's start, after its end, on weekends and on holidays does not
	 * count.
	 */
	public Instant plusWorkingTime(Instant start, Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("Working time cannot be negative");
		}
		ZonedDateTime cursor = start.atZone(this.zone);
		Duration remaining = amount;
		for (int day = 0; day < MAX_DAYS_SCANNED; day++) {
			LocalDate date = cursor.toLocalDate();
			ZonedDateTime dayEnd = date.atTime(this.workEnd).atZone(this.zone);
			if (isWorkingDay(date) && cursor.isBefore(dayEnd)) {
				ZonedDateTime dayStart = date.atTime(this.workStart).atZone(this.zone);
				ZonedDateTime from = cursor.isBefore(dayStart) ? dayStart : cursor;
				Duration available = Duration.between(from, dayEnd);
				if (remaining.compareTo(available) <= 0) {
					return from.plus(remaining).toInstant();
				}
				remaining = remaining.minus(available);
			}
			cursor = date.plusDays(1).atStartOfDay(this.zone);
		}
		throw new IllegalStateException("No working time found within " + MAX_DAYS_SCANNED + " days");
	}

	/**
	 * The instant {@code amount} of working time before {@code end}: the mirror of
	 * {@link #plusWorkingTime(Instant, Duration)}.
	 */
	public Instant minusWorkingTime(Instant end, Duration amount) {
		if (amount.isNegative()) {
			throw new IllegalArgumentException("Working time cannot be negative");
		}
		if (amount.isZero()) {
			return end;
		}
		ZonedDateTime cursor = end.atZone(this.zone);
		Duration remaining = amount;
		for (int day = 0; day < MAX_DAYS_SCANNED; day++) {
			LocalDate date = cursor.toLocalDate();
			ZonedDateTime dayStart = date.atTime(this.workStart).atZone(this.zone);
			if (isWorkingDay(date) && cursor.isAfter(dayStart)) {
				ZonedDateTime dayEnd = date.atTime(this.workEnd).atZone(this.zone);
				ZonedDateTime to = cursor.isAfter(dayEnd) ? dayEnd : cursor;
				Duration available = Duration.between(dayStart, to);
				if (remaining.compareTo(available) <= 0) {
					return to.minus(remaining).toInstant();
				}
				remaining = remaining.minus(available);
			}
			cursor = date.atStartOfDay(this.zone).minusNanos(1);
		}
		throw new IllegalStateException("No working time found within " + MAX_DAYS_SCANNED + " days");
	}

	/**
	 * The working time that passes between two instants (zero when {@code to} is not
	 * after {@code from}).
	 */
	public Duration workingTimeBetween(Instant from, Instant to) {
		Duration total = Duration.ZERO;
		ZonedDateTime cursor = from.atZone(this.zone);
		ZonedDateTime end = to.atZone(this.zone);
		while (cursor.isBefore(end)) {
			LocalDate date = cursor.toLocalDate();
			if (isWorkingDay(date)) {
				ZonedDateTime dayStart = date.atTime(this.workStart).atZone(this.zone);
				ZonedDateTime dayEnd = date.atTime(this.workEnd).atZone(this.zone);
				ZonedDateTime start = cursor.isAfter(dayStart) ? cursor : dayStart;
				ZonedDateTime stop = end.isBefore(dayEnd) ? end : dayEnd;
				if (start.isBefore(stop)) {
					total = total.plus(Duration.between(start, stop));
				}
			}
			cursor = date.plusDays(1).atStartOfDay(this.zone);
		}
		return total;
	}

	/**
	 * Adds business time written as a duration: whole days count as business days (one
	 * day's working hours each), the remainder as working hours.
	 */
	public Instant plusBusinessTime(Instant start, Duration amount) {
		return plusWorkingTime(start, workingTimeOf(amount));
	}

	/**
	 * Business time written as a duration (whole days are business days) as working time.
	 */
	public Duration workingTimeOf(Duration businessTime) {
		long days = businessTime.toDays();
		return workingDay().multipliedBy(days).plus(businessTime.minusDays(days));
	}

}
