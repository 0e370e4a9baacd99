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

	static String acknowledged() {
		return "The person accountable for this AI system has acknowledged your report and is looking into it.";
	}

	static String reassigned() {
		return "Your report has been passed to another person who is accountable for this AI system. "
				+ "Their deadlines stay the same.";
	}

	static String escalated() {
		return "Your report was not dealt with in the time we promise, so it has been escalated: more senior "
				+ "people in the organisation are now following it up. You do not need to do anything.";
	}

	static String resolved(String verdict, String summary) {
		String finding = switch (verdict) {
			case "CORRECT" -> "found that the AI system's answer was correct";
			case "MOSTLY_CORRECT" -> "found that the AI system's answer was mostly correct";
			default -> "found that the AI system's answer was wrong";
		};
		return "Your report has been answered. The person accountable " + finding + ".\n\n" + summary
				+ "\n\nIf you disagree, you can contest this outcome on this page within 14 days.";
	}

	static String reopened() {
		return "Your report has been reopened and will be looked at again.";
	}

}
