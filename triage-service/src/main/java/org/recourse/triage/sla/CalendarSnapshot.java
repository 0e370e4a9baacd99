package org.recourse.triage.sla;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A {@link BusinessCalendar} in a form the store keeps as it is: copied onto a case when
 * it opens, so later edits of the system's calendar never move that case's deadlines.
 */
public record CalendarSnapshot(String zone, String workStart, String workEnd, List<DayOfWeek> workDays,
		List<LocalDate> holidays) {

	public static CalendarSnapshot of(BusinessCalendar calendar) {
		return new CalendarSnapshot(calendar.zone().getId(), calendar.workStart().toString(),
				calendar.workEnd().toString(), calendar.workDays().stream().sorted().toList(),
				calendar.holidays().stream().sorted().toList());
	}

	public BusinessCalendar toCalendar() {
		Set<DayOfWeek> days = (this.workDays == null || this.workDays.isEmpty())
				? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY) : EnumSet.copyOf(this.workDays);
		return new BusinessCalendar(ZoneId.of(this.zone), LocalTime.parse(this.workStart),
				LocalTime.parse(this.workEnd), days, (this.holidays != null) ? Set.copyOf(this.holidays) : Set.of());
	}

}
