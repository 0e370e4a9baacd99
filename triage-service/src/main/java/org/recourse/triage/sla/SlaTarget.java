package org.recourse.triage.sla;

import java.time.Duration;

/**
 * How long an owner has to acknowledge and to resolve. In business time, whole days are
 * business days; in calendar time (24×7 classes) they are plain days.
 */
public record SlaTarget(Duration acknowledge, Duration resolve, boolean businessTime) {

	public static SlaTarget calendar(Duration acknowledge, Duration resolve) {
		return new SlaTarget(acknowledge, resolve, false);
	}

	public static SlaTarget businessDays(int acknowledge, int resolve) {
		return new SlaTarget(Duration.ofDays(acknowledge), Duration.ofDays(resolve), true);
	}

	/**
	 * Where a deadline moves when its clock was paused from {@code pausedAt} to
	 * {@code resumedAt}: forward by the pause, counted in business time on the calendar
	 * for business-time targets, in plain time otherwise.
	 */
	public java.time.Instant shift(java.time.Instant due, java.time.Instant pausedAt, java.time.Instant resumedAt,
			BusinessCalendar calendar) {
		if (!this.businessTime) {
			return due.plus(Duration.between(pausedAt, resumedAt));
		}
		return calendar.plusWorkingTime(due, calendar.workingTimeBetween(pausedAt, resumedAt));
	}

}
