package org.recourse.notification.updates;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The words the reporter reads. Plain language, short sentences, no names of owners or
 * deputies, no report text.
 */
final class Wording {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm z",
			Locale.ENGLISH);

	private Wording() {
	}

	static String receivedByOwner(Instant acknowledgeBy, ZoneId zone) {
		return "We have received your report and passed it to the person accountable for this AI system. "
				+ "They must acknowledge it by " + WHEN.format(acknowledgeBy.atZone(zone)) + ".";
	}

	static String receivedByGovernance(Instant acknowledgeBy, ZoneId zone) {
		return "We have received your report. No one is named as accountable for this AI system yet, so it has "
				+ "gone to the compliance team, who must acknowledge it by " + WHEN.format(acknowledgeBy.atZone(zone))
				+ ".";
	}

}
