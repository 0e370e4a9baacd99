package org.recourse.notification.owners;

import java.util.regex.Pattern;

/**
 * Makes a value from an event safe to put in a subject, a body line or a chat message:
 * one line (every control character, CR and LF included, and every Unicode line separator
 * becomes a space), trimmed, and cut to a length. A value that arrives from another
 * service can thus never start a header of its own.
 */
final class PlainText {

	private static final Pattern BREAKS = Pattern.compile("[\\p{Cntrl}\\p{Zl}\\p{Zp}\\u0085\\s]+");

	private PlainText() {
	}

	static String line(String value, int maxLength) {
		if (value == null) {
			return "unknown";
		}
		String line = BREAKS.matcher(value).replaceAll(" ").strip();
		if (line.isEmpty()) {
			return "unknown";
		}
		return (line.length() <= maxLength) ? line : line.substring(0, maxLength - 1) + "…";
	}

}
