package org.recourse.events.deadletter;

import java.util.ArrayList;
import java.util.List;

import org.recourse.events.serde.UnreadableEventException;

import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.MessagingException;

/**
 * Why a record failed, in one line an operator can act on and that is safe to put in a
 * dead-letter header or a log: the message of the platform's own exceptions (written to
 * name fields and rules, never values), the event type a listener did not take, the store
 * or broker being away, and otherwise only the class names of the cause chain. Other
 * exceptions' messages are left out on purpose: they may quote the record (Spring's
 * conversion errors print the whole message, MongoDB's duplicate-key errors the key).
 */
public final class DeadLetterReason {

	private static final int MAX_DEPTH = 20;

	private DeadLetterReason() {
	}

	public static String of(Throwable failure) {
		List<String> chain = new ArrayList<>();
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
			if (cause instanceof UnreadableEventException || cause instanceof UnprocessableEventException) {
				return cause.getMessage();
			}
			if (cause instanceof MessagingException messaging && messaging.getFailedMessage() != null) {
				return messaging.getFailedMessage().getPayload().getClass().getSimpleName()
						+ " is not an event this listener takes";
			}
			if (!(cause instanceof ListenerExecutionFailedException) && !(cause instanceof DeserializationException)) {
				chain.add(cause.getClass().getSimpleName());
			}
		}
		String classes = chain.isEmpty() ? "unknown failure" : String.join(" ← ", chain);
		return DeadLetterPolicy.isTransient(failure) ? "store or broker unreachable (" + classes + ")"
				: classes + " (details withheld: they may quote the record)";
	}

}
