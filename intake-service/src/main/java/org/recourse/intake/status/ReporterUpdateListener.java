package org.recourse.intake.status;

import org.recourse.events.ReporterUpdate;
import org.recourse.intake.report.TimelineEntry;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
class ReporterUpdateListener {

	static final String TOPIC = "recourse.reporter-updates";

	private final RecordingUpdate recording;

	ReporterUpdateListener(RecordingUpdate recording) {
		this.recording = recording;
	}

	@KafkaListener(topics = TOPIC, groupId = "intake-service")
	void on(ReporterUpdate update) {
		this.recording.record(update.getReportId().toString(), new TimelineEntry(update.getEventId().toString(),
				update.getOccurredAt(), update.getType().name(), update.getMessage()));
	}

}
