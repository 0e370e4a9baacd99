package org.recourse.notification.owners;

/**
 * A notice in words, every value one safe line: what the templates, the subject and the
 * webhook text are made of.
 */
record NoticeView(String subject, String headline, String system, String severity, String caseId, String dueLabel,
		String due, String caseUrl) {
}
