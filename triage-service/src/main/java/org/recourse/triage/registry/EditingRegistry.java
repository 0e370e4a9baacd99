package org.recourse.triage.registry;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaTarget;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * An admin's edit of the registry: validated, compared field by field with what is
 * stored, and written together with its audit entry in one update of the system's
 * document, guarded by the revision the admin saw (of two admins editing at once, one
 * wins and the other is told). Open cases keep the calendar, chain and SLA targets they
 * snapshotted. An edit without SLA overrides keeps the system's overrides as they are.
 */
@Service
public class EditingRegistry {

	private static final Logger logger = LoggerFactory.getLogger(EditingRegistry.class);

	private static final Pattern SYSTEM_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,63}");

	private static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

	private static final int MAX_TEXT = 500;

	private final MongoTemplate mongo;

	private final Clock clock;

	EditingRegistry(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Creates ({@code expectedRevision} 0 and no such system) or changes the system;
	 * returns it as saved.
	 */
	public AiSystem save(String id, SystemEdit edit, int expectedRevision, String actor) {
		Map<String, String> errors = validate(id, edit);
		if (!errors.isEmpty()) {
			throw new InvalidSystemException(errors);
		}
		AiSystem current = this.mongo.findById(id, AiSystem.class);
		int revision = (current != null) ? current.revision() : 0;
		if (revision != expectedRevision) {
			throw new StaleSystemException();
		}
		Map<Severity, SlaTarget> sla = (edit.sla() != null) ? edit.sla() : (current != null) ? current.sla() : null;
		AiSystem proposed = edit.toSystem(id, sla, List.of());
		List<RegistryChange.FieldChange> changes = diff(current, proposed);
		if (changes.isEmpty()) {
			return current;
		}
		List<RegistryChange> history = new ArrayList<>((current != null) ? current.history() : List.of());
		history.add(new RegistryChange(this.clock.instant(), actor,
				(edit.reason() == null || edit.reason().isBlank()) ? null : edit.reason().strip(), changes));
		AiSystem saved = edit.toSystem(id, sla, history);
		if (current == null) {
			try {
				this.mongo.insert(saved);
			}
			catch (DuplicateKeyException ex) {
				throw new StaleSystemException();
			}
		}
		else {
			Criteria sameRevision = (revision == 0) ? new Criteria().orOperator(Criteria.where("history").size(0),
					Criteria.where("history").exists(false)) : Criteria.where("history").size(revision);
			Query unchanged = Query.query(new Criteria().andOperator(Criteria.where("_id").is(id), sameRevision));
			org.bson.Document replacement = new org.bson.Document();
			this.mongo.getConverter().write(saved, replacement);
			if (this.mongo.getCollection("ai_systems")
				.replaceOne(unchanged.getQueryObject(), replacement)
				.getMatchedCount() == 0) {
				throw new StaleSystemException();
			}
		}
		logger.info("Registry: {} {} AI system '{}' ({} fields)", actor, (current == null) ? "created" : "changed", id,
				changes.size());
		if (!saved.hasOwner()) {
			logger.warn("AI system '{}' has no accountable owner: its reports go to the governance queue", id);
		}
		return saved;
	}

	private static List<RegistryChange.FieldChange> diff(AiSystem before, AiSystem after) {
		Map<String, String> from = fields(before);
		Map<String, String> to = fields(after);
		List<RegistryChange.FieldChange> changes = new ArrayList<>();
		to.forEach((field, value) -> {
			if (!Objects.equals(from.get(field), value)) {
				changes.add(new RegistryChange.FieldChange(field, from.get(field), value));
			}
		});
		return changes;
	}

	private static Map<String, String> fields(AiSystem system) {
		Map<String, String> fields = new LinkedHashMap<>();
		if (system == null) {
			return fields;
		}
		fields.put("name", system.name());
		fields.put("description", system.description());
		fields.put("owner", staff(system.owner()));
		fields.put("deputy", staff(system.deputy()));
		fields.put("escalationChain", String.join(" → ", system.escalationChain()));
		AiSystem.Calendar calendar = system.calendar();
		fields.put("calendar", (calendar != null) ? calendar.zone() + " " + calendar.workStart() + "–"
				+ calendar.workEnd() + " " + calendar.workDays() + " holidays " + calendar.holidays() : null);
		fields.put("listed", String.valueOf(system.listed()));
		fields.put("sla",
				(system.sla() != null && !system.sla().isEmpty()) ? new java.util.TreeMap<>(system.sla()).entrySet()
					.stream()
					.map((target) -> target.getKey() + " " + target.getValue().acknowledge() + "/"
							+ target.getValue().resolve() + (target.getValue().businessTime() ? " business" : " 24x7"))
					.collect(java.util.stream.Collectors.joining(", ")) : "standard policy");
		return fields;
	}

	private static String staff(AiSystem.StaffMember member) {
		return (member != null && member.id() != null)
				? member.id() + " (" + member.name() + ", " + member.email() + ")" : null;
	}

	private static Map<String, String> validate(String id, SystemEdit edit) {
		Map<String, String> errors = new LinkedHashMap<>();
		if (id == null || !SYSTEM_ID.matcher(id).matches()) {
			errors.put("id", "2 to 64 lower-case letters, digits and dashes, starting with a letter or digit");
		}
		text(errors, "name", edit.name(), true, 120);
		text(errors, "description", edit.description(), false, MAX_TEXT);
		member(errors, "owner", edit.owner());
		member(errors, "deputy", edit.deputy());
		if (edit.escalationChain() == null || edit.escalationChain().isEmpty()) {
			errors.put("escalationChain", "Name at least one step, for example the owner, the deputy and compliance");
		}
		else if (edit.escalationChain().size() > 10 || edit.escalationChain()
			.stream()
			.anyMatch((step) -> step == null || !STAFF_ID.matcher(step).matches())) {
			errors.put("escalationChain", "Up to 10 staff ids (letters, digits, . _ @ -), or 'compliance'");
		}
		if (edit.sla() != null) {
			edit.sla().forEach((severity, target) -> {
				if (severity == null || target == null || target.acknowledge() == null || target.resolve() == null
						|| target.acknowledge().isNegative() || target.acknowledge().isZero()
						|| target.resolve().compareTo(target.acknowledge()) < 0) {
					errors.put("sla", "Per severity: acknowledge and resolve durations (ISO-8601, such as PT4H or "
							+ "P2D), positive, resolve not shorter than acknowledge");
				}
			});
		}
		if (edit.calendar() == null) {
			errors.put("calendar", "Required: time zone, working hours and days");
		}
		else {
			calendar(errors, edit.calendar());
		}
		return errors;
	}

	private static void calendar(Map<String, String> errors, AiSystem.Calendar calendar) {
		try {
			ZoneId.of(calendar.zone());
		}
		catch (RuntimeException ex) {
			errors.put("calendar.zone", "A time zone such as Europe/Berlin");
		}
		try {
			if (!LocalTime.parse(calendar.workEnd()).isAfter(LocalTime.parse(calendar.workStart()))) {
				errors.put("calendar.workEnd", "Working hours must end after they start");
			}
		}
		catch (RuntimeException ex) {
			errors.put("calendar.workStart", "Times as HH:MM, such as 09:00 and 17:00");
		}
		List<DayOfWeek> days = calendar.workDays();
		if (days == null || days.isEmpty()) {
			errors.put("calendar.workDays", "At least one working day");
		}
		List<LocalDate> holidays = calendar.holidays();
		if (holidays != null && holidays.size() > 100) {
			errors.put("calendar.holidays", "At most 100 holidays");
		}
	}

	private static void member(Map<String, String> errors, String field, AiSystem.StaffMember member) {
		if (member == null || member.id() == null || member.id().isBlank()) {
			return;
		}
		if (!STAFF_ID.matcher(member.id()).matches()) {
			errors.put(field + ".id", "A staff id: letters, digits, . _ @ -");
		}
		text(errors, field + ".name", member.name(), true, 120);
		if (member.email() == null || !member.email().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")
				|| member.email().length() > 254) {
			errors.put(field + ".email", "A work e-mail address");
		}
	}

	private static void text(Map<String, String> errors, String field, String value, boolean required, int max) {
		if (value == null || value.isBlank()) {
			if (required) {
				errors.put(field, "Required");
			}
		}
		else if (value.length() > max || value.chars().anyMatch((c) -> c < 0x20 && c != '\n' && c != '\t')) {
			errors.put(field, "At most " + max + " characters, no control characters");
		}
	}

	/** What an admin submits for a system. */
	public record SystemEdit(String name, String description, AiSystem.StaffMember owner, AiSystem.StaffMember deputy,
			List<String> escalationChain, AiSystem.Calendar calendar, boolean listed, Map<Severity, SlaTarget> sla,
			String reason) {

		/** An edit of everything but the SLA overrides, which stay as they are. */
		public SystemEdit(String name, String description, AiSystem.StaffMember owner, AiSystem.StaffMember deputy,
				List<String> escalationChain, AiSystem.Calendar calendar, boolean listed, String reason) {
			this(name, description, owner, deputy, escalationChain, calendar, listed, null, reason);
		}

		AiSystem toSystem(String id, Map<Severity, SlaTarget> sla, List<RegistryChange> history) {
			return new AiSystem(id, this.name.strip(), (this.description != null) ? this.description.strip() : null,
					blank(this.owner), blank(this.deputy), List.copyOf(this.escalationChain), this.calendar,
					this.listed, sla, history);
		}

		private static AiSystem.StaffMember blank(AiSystem.StaffMember member) {
			return (member == null || member.id() == null || member.id().isBlank()) ? null : member;
		}

	}

	/** The edit has fields at fault: field → what to do. */
	public static class InvalidSystemException extends RuntimeException {

		public final transient Map<String, String> errors;

		InvalidSystemException(Map<String, String> errors) {
			super("Invalid AI system");
			this.errors = errors;
		}

	}

	/** Someone else changed the system since the admin loaded it. */
	public static class StaleSystemException extends RuntimeException {

		StaleSystemException() {
			super("Someone else changed this AI system since you loaded it. Reload it and try again.");
		}

	}

}
