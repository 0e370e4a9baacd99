package org.recourse.intake.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.recourse.events.ReporterUpdate;
import org.recourse.events.ReporterUpdateType;

/** Reporter updates as notification-service would publish them. */
public final class UpdateMother {

	private UpdateMother() {
	}

	public static ReporterUpdate update(String reportId, ReporterUpdateType type, String message) {
		return update(reportId, type, message, Instant.now());
	}

	public static ReporterUpdate update(String reportId, ReporterUpdateType type, String message, Instant at) {
		return ReporterUpdate.newBuilder()
			.setEventId(UUID.randomUUID())
			.setOccurredAt(at.truncatedTo(ChronoUnit.MILLIS))
			.setReportId(UUID.fromString(reportId))
			.setCauseEventId(UUID.randomUUID().toString())
			.setType(type)
			.setMessage(message)
			.build();
	}

}
