package org.recourse.events.deadletter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * The bounds every consumer holds an event's values to before acting on them, so that a
 * broken or hostile producer's event is dead-lettered with a reason instead of shown to a
 * reporter, mailed to staff or used to compute a deadline. Each check passes a missing
 * (null) value, which the schema already allows or forbids, and throws
 * {@link UnprocessableEventException} naming the field, never the value.
 */
public final class EventChecks {

	/** Nothing in Recourse happened before it existed. */
	public static final Instant EARLIEST = Instant.parse("2020-01-01T00:00:00Z");

	/** How far another service's clock may run ahead of ours. */
	public static final Duration CLOCK_SKEW = Duration.ofHours(1);

	/** No deadline is set further than this from the event that set it. */
	public static final Duration LONGEST_DEADLINE = Duration.ofDays(10 * 366);

	private EventChecks() {
	}

	/**
	 * A time something happened (an event's {@code occurredAt}): not before 2020, not
	 * more than {@link #CLOCK_SKEW} ahead of this service's clock.
	 */
	public static Instant happened(String field, Instant value, Clock clock) {
		if (value != null && value.isBefore(EARLIEST)) {
			throw new UnprocessableEventException(field + " is before 2020-01-01");
		}
		if (value != null && value.isAfter(clock.instant().plus(CLOCK_SKEW))) {
			throw new UnprocessableEventException(field + " is more than 1 hour ahead of this service's clock");
		}
		return value;
	}

	/**
	 * A deadline set by an event that happened at {@code setAt}: not before 2020, and at
	 * most {@link #LONGEST_DEADLINE} after it.
	 */
	public static Instant deadline(String field, Instant value, Instant setAt) {
		if (value != null && value.isBefore(EARLIEST)) {
			throw new UnprocessableEventException(field + " is before 2020-01-01");
		}
		if (value != null && setAt != null && value.isAfter(setAt.plus(LONGEST_DEADLINE))) {
			throw new UnprocessableEventException(field + " is more than 10 years after the event");
		}
		return value;
	}

	/** An id the platform generates as a UUID but carries as a plain string. */
	public static String uuid(String field, String value) {
		if (value != null && !isUuid(value)) {
			throw new UnprocessableEventException(field + " is not a UUID");
		}
		return value;
	}

	/** Text no longer than its producer ever accepts. */
	public static String text(String field, String value, int maxLength) {
		if (value != null && value.length() > maxLength) {
			throw new UnprocessableEventException(field + " is longer than " + maxLength + " characters");
		}
		return value;
	}

	private static boolean isUuid(String value) {
		if (value.length() != 36) {
			return false;
		}
		try {
			return UUID.fromString(value).toString().equalsIgnoreCase(value);
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

}
