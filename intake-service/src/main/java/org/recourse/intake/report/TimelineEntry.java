package org.recourse.intake.report;

import java.time.Instant;
import java.util.Set;

/**
 * One line of the reporter's timeline: an update composed by notification-service, or
 * something the reporter did themselves (a reply, a contest).
 */
public record TimelineEntry(String eventId, Instant at, String type, String message) {

	public static final String QUESTION = "QUESTION";

	public static final String RESOLVED = "RESOLVED";

	public static final String REOPENED = "REOPENED";

	public static final String REPLY = "REPLY";

	public static final String CONTESTED = "CONTESTED";

	/** Entries the reporter wrote; they never change the state the platform reports. */
	public static final Set<String> REPORTER_TYPES = Set.of(REPLY, CONTESTED);

	public boolean byReporter() {
		return REPORTER_TYPES.contains(this.type);
	}

}
