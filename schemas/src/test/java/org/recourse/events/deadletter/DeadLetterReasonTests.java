package org.recourse.events.deadletter;

import java.io.IOException;

import com.mongodb.MongoSocketOpenException;
import com.mongodb.ServerAddress;
import org.junit.jupiter.api.Test;
import org.recourse.events.serde.UnreadableEventException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.messaging.support.GenericMessage;

import static org.assertj.core.api.Assertions.assertThat;

class DeadLetterReasonTests {

	private static final String REPORTER_TEXT = "my manager said I was wrong";

	@Test
	void givesThePlatformsOwnReasonFromInsideTheListenersWrapper() {
		Exception failure = new ListenerExecutionFailedException("Listener method threw",
				new UnprocessableEventException("ReportSubmitted.occurredAt is before 2020-01-01"));

		assertThat(DeadLetterReason.of(failure)).isEqualTo("ReportSubmitted.occurredAt is before 2020-01-01");
	}

	@Test
	void givesTheDecodersReasonInsteadOfFailedToDeserialize() {
		Exception failure = new DeserializationException("failed to deserialize", new byte[] { 1 }, false,
				new UnreadableEventException("Unknown schema fingerprint 0x00000000000000ff"));

		assertThat(DeadLetterReason.of(failure)).isEqualTo("Unknown schema fingerprint 0x00000000000000ff");
	}

	@Test
	void namesTheEventTypeAListenerDoesNotTakeWithoutPrintingTheEvent() {
		Exception failure = new ListenerExecutionFailedException("Listener method could not be invoked",
				new MessageConversionException(new GenericMessage<>(new Payload(REPORTER_TEXT)),
						"Cannot convert from [Payload] for GenericMessage [payload=" + REPORTER_TEXT + "]"));

		assertThat(DeadLetterReason.of(failure)).isEqualTo("Payload is not an event this listener takes")
			.doesNotContain(REPORTER_TEXT);
	}

	@Test
	void withholdsTheMessagesOfOtherExceptionsWhichMayQuoteTheRecord() {
		Exception failure = new ListenerExecutionFailedException("Listener method threw", new DuplicateKeyException(
				"E11000 duplicate key: { text: \"" + REPORTER_TEXT + "\" }", new IOException(REPORTER_TEXT)));

		assertThat(DeadLetterReason.of(failure))
			.isEqualTo("DuplicateKeyException ← IOException (details withheld: they may quote the record)");
	}

	@Test
	void tellsTheStoreBeingAwayFromAFailureThatWillNotPass() {
		Exception storeAway = new ListenerExecutionFailedException("Listener method threw",
				new DataAccessResourceFailureException("timed out",
						new MongoSocketOpenException("refused", new ServerAddress())));

		assertThat(DeadLetterPolicy.isTransient(storeAway)).isTrue();
		assertThat(DeadLetterReason.of(storeAway))
			.isEqualTo("store or broker unreachable (DataAccessResourceFailureException ← MongoSocketOpenException)");
		assertThat(DeadLetterPolicy.isTransient(new MongoSocketOpenException("refused", new ServerAddress()))).isTrue();
		assertThat(DeadLetterPolicy.isTransient(new ListenerExecutionFailedException("threw",
				new UnprocessableEventException("ReportSubmitted.occurredAt is before 2020-01-01"))))
			.isFalse();
		assertThat(DeadLetterPolicy.isTransient(new IllegalStateException("bug"))).isFalse();
		assertThat(DeadLetterPolicy.isTransient(new ListenerExecutionFailedException("threw",
				new OptimisticLockingFailureException("the case kept changing"))))
			.as("a write conflict that outlasts the retries must not hold the partition for ever")
			.isFalse();
	}

	private record Payload(String text) {
	}

}
