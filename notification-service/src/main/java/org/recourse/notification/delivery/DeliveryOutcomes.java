package org.recourse.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.recourse.events.DeliveryOutcome;
import org.recourse.events.DeliveryResult;
import org.recourse.events.NotificationAudience;
import org.recourse.events.NotificationChannel;
import org.recourse.events.outbox.OutboxEvent;
import org.recourse.events.serde.AvroEventSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The one place that knows where delivery outcomes go ({@value #OUTCOMES}, keyed by
 * report id; a given-up message also goes to {@value #DEAD_LETTERS} with the reason) and
 * how they are counted: {@code recourse.notifications{channel, audience, outcome}}, one
 * count per message. The events are returned for the caller to store in the outbox of the
 * record it updates, so an outcome is published if and only if it was recorded.
 */
@Component
public class DeliveryOutcomes {

	public static final String OUTCOMES = "recourse.notification-outcomes";

	public static final String DEAD_LETTERS = "recourse.notifications.DLT";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final AvroEventSerializer serializer = new AvroEventSerializer();

	private final MeterRegistry meters;

	/**
	 * Registers every combination at zero, so that dashboards and alerts see the series
	 * before the first message.
	 */
	public DeliveryOutcomes(MeterRegistry meters) {
		this.meters = meters;
		for (Channel channel : Channel.values()) {
			for (Audience audience : Audience.values()) {
				for (Result result : Result.values()) {
					counter(channel, audience, result);
				}
			}
		}
	}

	/** The outcome event, and the dead letter when the message was given up. */
	public List<OutboxEvent> events(Attempt attempt, Instant now) {
		List<OutboxEvent> events = new ArrayList<>();
		DeliveryOutcome outcome = outcome(attempt, now);
		events.add(new OutboxEvent(outcome.getEventId().toString(), OUTCOMES, attempt.reportId(),
				this.serializer.serialize(OUTCOMES, outcome), now));
		if (attempt.result() == Result.DEAD_LETTERED) {
			events.add(new OutboxEvent(outcome.getEventId() + ":dlt", DEAD_LETTERS, attempt.reportId(),
					deadLetter(attempt), now));
		}
		return events;
	}

	public void count(Channel channel, Audience audience, Result result) {
		counter(channel, audience, result).increment();
	}

	private Counter counter(Channel channel, Audience audience, Result result) {
		return Counter.builder("recourse.notifications")
			.description("Messages to reporters and staff by channel, audience and outcome")
			.tags("channel", channel.tag(), "audience", audience.tag(), "outcome", result.tag())
			.register(this.meters);
	}

	private static DeliveryOutcome outcome(Attempt attempt, Instant now) {
		String identity = "outcome:" + attempt.causeEventId() + ":" + attempt.channel() + ":" + attempt.audience() + ":"
				+ attempt.number() + ":" + attempt.result();
		return DeliveryOutcome.newBuilder()
			.setEventId(UUID.nameUUIDFromBytes(identity.getBytes(StandardCharsets.UTF_8)))
			.setOccurredAt(now)
			.setReportId(UUID.fromString(attempt.reportId()))
			.setCauseEventId(attempt.causeEventId())
			.setChannel(NotificationChannel.valueOf(attempt.channel().name()))
			.setAudience(NotificationAudience.valueOf(attempt.audience().name()))
			.setResult(DeliveryResult.valueOf(attempt.result().name()))
			.setReasonCategory(attempt.reasonCategory())
			.setAttempt(attempt.number())
			.setDigest(attempt.digest())
			.build();
	}

	private static byte[] deadLetter(Attempt attempt) {
		Map<String, Object> letter = new LinkedHashMap<>();
		letter.put("causeEventId", attempt.causeEventId());
		letter.put("channel", attempt.channel().tag());
		letter.put("audience", attempt.audience().tag());
		letter.put("reason", attempt.reasonCategory());
		letter.put("attempts", attempt.number());
		return json.writeValueAsBytes(letter);
	}

}
