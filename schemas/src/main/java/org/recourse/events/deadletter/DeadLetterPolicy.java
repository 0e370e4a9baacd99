package org.recourse.events.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.mongodb.MongoSocketException;
import com.mongodb.MongoTimeoutException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.recourse.events.serde.UnreadableEventException;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer.HeaderNames;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * What every service's consumers do with a record they cannot handle, by the kind of
 * failure:
 * <ul>
 * <li>a record that can never succeed (unreadable bytes, an impossible value, an event
 * the listener does not take) goes to {@code <topic>.DLT} at once;</li>
 * <li>a transient failure (the store or the broker away) is retried with backoff until it
 * succeeds, however long that takes, and is never dead-lettered for it: the partition
 * waits, as every record behind it would fail the same way;</li>
 * <li>anything else, write conflicts included, is retried for
 * {@link Settings#giveUpAfter()}, then dead-lettered.</li>
 * </ul>
 * Each dead letter carries the original record as it was, with
 * {@code kafka_dlt-exception-message} set to {@link DeadLetterReason a reason safe to
 * read}, the exception and cause class names, and no stack trace (a trace prints every
 * message in the chain, which may quote the record).
 */
public final class DeadLetterPolicy {

	private static final List<Class<? extends Throwable>> TRANSIENT = List.of(TransientDataAccessException.class,
			RecoverableDataAccessException.class, DataAccessResourceFailureException.class, MongoSocketException.class,
			MongoTimeoutException.class, RetriableException.class);

	private static final int MAX_DEPTH = 20;

	private DeadLetterPolicy() {
	}

	public static DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, Settings settings) {
		DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
				(record, ex) -> new TopicPartition(record.topic() + ".DLT", -1));
		recoverer.setExceptionHeadersCreator(DeadLetterPolicy::reasonHeaders);
		ExponentialBackOff unexpected = new ExponentialBackOff(settings.firstBackoff().toMillis(), 2.0);
		unexpected.setMaxElapsedTime(settings.giveUpAfter().toMillis());
		DefaultErrorHandler handler = new DefaultErrorHandler(recoverer, unexpected);
		handler.addNotRetryableExceptions(UnreadableEventException.class, UnprocessableEventException.class);
		handler.setBackOffFunction((record, ex) -> isTransient(ex) ? untilItWorks(settings) : null);
		return handler;
	}

	/**
	 * Whether the failure is the store or the broker being away, which passes. A write
	 * conflict is not: it is another writer's race, which the usual retries settle, and a
	 * record whose writes keep conflicting must not hold its partition for ever.
	 */
	public static boolean isTransient(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < MAX_DEPTH; depth++, cause = cause.getCause()) {
			if (cause instanceof ConcurrencyFailureException) {
				return false;
			}
			for (Class<? extends Throwable> type : TRANSIENT) {
				if (type.isInstance(cause)) {
					return true;
				}
			}
		}
		return false;
	}

	private static BackOff untilItWorks(Settings settings) {
		ExponentialBackOff backOff = new ExponentialBackOff(settings.firstBackoff().toMillis(), 2.0);
		backOff.setMaxInterval(settings.maxBackoff().toMillis());
		return backOff;
	}

	private static void reasonHeaders(Headers headers, Exception exception, boolean isKey, HeaderNames names) {
		HeaderNames.ExceptionInfo info = names.getExceptionInfo();
		replace(headers, isKey ? info.getKeyExceptionFqcn() : info.getExceptionFqcn(), exception.getClass().getName());
		replace(headers, info.getExceptionCauseFqcn(), innermost(exception).getClass().getName());
		replace(headers, isKey ? info.getKeyExceptionMessage() : info.getExceptionMessage(),
				DeadLetterReason.of(exception));
	}

	private static Throwable innermost(Throwable failure) {
		Throwable cause = failure;
		for (int depth = 0; cause.getCause() != null && depth < MAX_DEPTH; depth++) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static void replace(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * {@code recourse.consumer.*}: how long an unexpected failure is retried before its
	 * record is dead-lettered, and the backoff between tries (transient failures back off
	 * up to {@code max-backoff} and are retried until they pass).
	 */
	@ConfigurationProperties("recourse.consumer")
	public record Settings(@DefaultValue("10s") Duration giveUpAfter, @DefaultValue("500ms") Duration firstBackoff,
			@DefaultValue("30s") Duration maxBackoff) {
	}

}
