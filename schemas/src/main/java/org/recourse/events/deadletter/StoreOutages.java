package org.recourse.events.deadletter;

import java.util.function.BiFunction;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The error handlers' back-off for a record that failed because the service's store could
 * not be reached. Such a record is not poison: every record behind it would fail the same
 * way, and it will succeed once the store is back. So it is tried again, every
 * {@value #MAX_INTERVAL_MS} ms at most, for as long as the outage lasts, and never
 * dead-lettered for it; any other failure keeps the handler's usual few retries, then the
 * dead-letter topic. Set on each service's {@code DefaultErrorHandler} with
 * {@code setBackOffFunction(StoreOutages.backOff())}.
 */
public final class StoreOutages {

	static final long MAX_INTERVAL_MS = 10_000;

	private StoreOutages() {
	}

	/** An unlimited back-off for store outages; {@code null} (the default) otherwise. */
	public static BiFunction<ConsumerRecord<?, ?>, Exception, BackOff> backOff() {
		return (record, ex) -> isOutage(ex) ? untilBack() : null;
	}

	static boolean isOutage(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static BackOff untilBack() {
		ExponentialBackOff backOff = new ExponentialBackOff(500, 2.0);
		backOff.setMaxInterval(MAX_INTERVAL_MS);
		return backOff;
	}

}
