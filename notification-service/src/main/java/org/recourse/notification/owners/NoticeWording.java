package org.recourse.notification.owners;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.web.util.UriUtils;

/**
 * The words staff read: system, severity, case, the deadline that matters and a link to
 * the case page. Never the reporter, never report text.
 */
final class NoticeWording {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm z",
			Locale.ENGLISH);

	private static final int MAX = 120;

	private NoticeWording() {
	}

	static NoticeView view(Notice notice, ZoneId zone, String triageBaseUrl) {
		String system = PlainText.line(notice.aiSystemId(), MAX);
		String severity = PlainText.line(notice.severity(), 20);
		String caseId = PlainText.line(notice.caseId(), MAX);
		String deadline = deadline(notice.clock());
		String due = (notice.dueAt() != null) ? WHEN.format(notice.dueAt().atZone(zone)) : "unknown";
		String about = system + " (" + severity + ")";
		String subject = switch (notice.kind()) {
			case ASSIGNED -> "New case for " + about;
			case REASSIGNED -> "Case reassigned to you: " + about;
			case ANSWERED -> "The reporter answered your question: " + about;
			case REMINDER -> "Reminder: " + deadline + " due " + due + ", " + about;
			case ESCALATED -> "Escalated to you (level " + notice.level() + "): " + about;
		};
		String headline = switch (notice.kind()) {
			case ASSIGNED -> "A new case is waiting for you.";
			case REASSIGNED -> "A case has been reassigned to you.";
			case ANSWERED -> "The reporter has answered your question; the deadlines run again.";
			case REMINDER -> "The " + deadline + " deadline of this case is near.";
			case ESCALATED -> "This case missed its " + deadline + " deadline and has been escalated to you (level "
					+ notice.level() + ").";
		};
		return new NoticeView("[Recourse] " + subject, headline, system, severity, caseId,
				capitalised(deadline) + " due", due, caseUrl(triageBaseUrl, notice.caseId()));
	}

	static String caseUrl(String triageBaseUrl, String caseId) {
		String base = triageBaseUrl.endsWith("/") ? triageBaseUrl.substring(0, triageBaseUrl.length() - 1)
				: triageBaseUrl;
		return base + "/cases/" + UriUtils.encodePathSegment((caseId != null) ? caseId : "", "UTF-8");
	}

	private static String deadline(String clock) {
		return "RESOLUTION".equals(clock) ? "resolution" : "first-response";
	}

	private static String capitalised(String text) {
		return Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}

}
