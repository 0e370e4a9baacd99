package org.recourse.triage.sla;

import java.time.Duration;

/**
 * How long an owner has to acknowledge and to resolve, and optionally how often an open
 * case needs an update from its owner ({@code updateEvery}, {@code null} for none). In
 * business time, whole days are business days; in calendar time (24×7 classes) they are
 * plain days.
 */
public record SlaTarget(Duration acknowledge, Duration resolve, boolean businessTime, Duration updateEvery) {

	private static final Duration CALENDAR_WARNING = Duration.ofMinutes(15);

	public SlaTarget(Duration acknowledge, Duration resolve, boolean businessTime) {
		this(acknowledge, resolve, businessTime, null);
	}

	/**
	 * The same target with an update due every {@code cadence} while the case is open.
	 */
	public SlaTarget withUpdateCadence(Duration cadence) {
		return new SlaTarget(this.acknowledge, this.resolve, this.businessTime, cadence);
	}

	/**
	 * When the owner's next update is due after the last one at {@code lastUpdate}, and
	 * when to warn about it (75 % of the cadence elapsed); {@code null} without a
	 * cadence.
	 */
	public RunningClock updateCadence(java.time.Instant lastUpdate, BusinessCalendar calendar) {
		if (this.updateEvery == null) {
			return null;
		}
		if (!this.businessTime) {
			java.time.Instant due = lastUpdate.plus(this.updateEvery);
			return new RunningClock(SlaClock.UPDATE_CADENCE, due.minus(this.updateEvery.dividedBy(4)), due);
		}
		java.time.Instant due = calendar.plusBusinessTime(lastUpdate, this.updateEvery);
		return new RunningClock(SlaClock.UPDATE_CADENCE,
				calendar.minusWorkingTime(due, calendar.workingTimeOf(this.updateEvery).dividedBy(4)), due);
	}

	public static SlaTarget calendar(Duration acknowledge, Duration resolve) {
		return new SlaTarget(acknowledge, resolve, false);
	}

	public static SlaTarget businessDays(int acknowledge, int resolve) {
		return new SlaTarget(Duration.ofDays(acknowledge), Duration.ofDays(resolve), true);
	}

	/**
	 * When a clock due at {@code due} warns (DESIGN.md section 5): 15 minutes before for
	 * 24×7 targets, which the standard policy gives to critical reports; otherwise when
	 * 75 % of the target has elapsed, that is a quarter of it before the due time,
	 * counted in working time, so a pause that moved the due time moves the warning with
	 * it.
	 */
	public java.time.Instant warnAt(SlaClock clock, java.time.Instant due, BusinessCalendar calendar) {
		if (!this.businessTime) {
			return due.minus(CALENDAR_WARNING);
		}
		Duration target = (clock == SlaClock.FIRST_RESPONSE) ? this.acknowledge : this.resolve;
		return calendar.minusWorkingTime(due, calendar.workingTimeOf(target).dividedBy(4));
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
