package org.recourse.triage.registry;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.recourse.triage.sla.BusinessCalendar;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaPolicy;
import org.recourse.triage.sla.SlaTarget;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An AI system and the humans accountable for it. A system without an owner is legal (and
 * an alert): its reports go to the governance queue. {@code sla} overrides the standard
 * policy's targets for some severities (DESIGN.md section 5: "overridable per system");
 * absent, the system has the standard policy. Every edit by an admin is kept in
 * {@code history}, written in the same document update as the edit itself.
 */
@Document("ai_systems")
public record AiSystem(@Id String id, String name, String description, StaffMember owner, StaffMember deputy,
		List<String> escalationChain, Calendar calendar, boolean listed, Map<Severity, SlaTarget> sla,
		List<RegistryChange> history) {

	public AiSystem(String id, String name, String description, StaffMember owner, StaffMember deputy,
			List<String> escalationChain, Calendar calendar, boolean listed) {
		this(id, name, description, owner, deputy, escalationChain, calendar, listed, null, List.of());
	}

	public AiSystem {
		history = (history != null) ? List.copyOf(history) : List.of();
	}

	/** How many audited changes the system has had: the revision an edit must name. */
	public int revision() {
		return this.history.size();
	}

	public boolean hasOwner() {
		return this.owner != null && this.owner.id() != null;
	}

	public SlaPolicy slaPolicy() {
		SlaPolicy standard = SlaPolicy.standard();
		if (this.sla == null || this.sla.isEmpty()) {
			return standard;
		}
		Map<Severity, SlaTarget> targets = new EnumMap<>(standard.bySeverity());
		targets.putAll(this.sla);
		return new SlaPolicy(targets, standard.mandatedAiConcern());
	}

	public BusinessCalendar businessCalendar() {
		return (this.calendar != null) ? this.calendar.toBusinessCalendar()
				: BusinessCalendar.officeHours(ZoneId.of("UTC"));
	}

	/** A staff member as the registry names them; staff data, never a reporter's. */
	public record StaffMember(String id, String name, String email) {
	}

	/** The stored shape of a {@link BusinessCalendar}. */
	public record Calendar(String zone, String workStart, String workEnd, List<DayOfWeek> workDays,
			List<LocalDate> holidays) {

		BusinessCalendar toBusinessCalendar() {
			Set<DayOfWeek> days = (this.workDays == null || this.workDays.isEmpty())
					? EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY) : EnumSet.copyOf(this.workDays);
			return new BusinessCalendar(ZoneId.of(this.zone), LocalTime.parse(this.workStart),
					LocalTime.parse(this.workEnd), days,
					(this.holidays != null) ? Set.copyOf(this.holidays) : Set.of());
		}

	}

}
