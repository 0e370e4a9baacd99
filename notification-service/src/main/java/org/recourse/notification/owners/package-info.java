/**
 * Staff notices: consumes case events (routed, reassigned, acknowledged, reporter
 * answered, SLA warning, escalated) and tells the accountable member of staff, by e-mail
 * and an optional chat webhook, with a link to the case page in triage. One notice per
 * case event (its id is the event's id); delivered with retries and backoff, given up to
 * {@code recourse.notifications.DLT} with the reason; SLA reminders of staff who chose a
 * digest go out together, periodically. Notices carry the AI system, severity, case id,
 * due time and link only: never the reporter, never report text. Keeps the few facts of
 * each case it needs (collection {@code staff_cases}). Publishes delivery outcomes (via
 * the outbox of {@code staff_notifications}).
 */
package org.recourse.notification.owners;
