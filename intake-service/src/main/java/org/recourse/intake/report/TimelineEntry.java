package org.recourse.intake.report;

import java.time.Instant;

/** One reporter-facing update, as composed by notification-service. */
public record TimelineEntry(String eventId, Instant at, String type, String message) {
}
