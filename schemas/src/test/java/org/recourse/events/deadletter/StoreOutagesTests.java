package org.recourse.events.deadletter;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

class StoreOutagesTests {

	private static final ConsumerRecord<String, byte[]> RECORD = new ConsumerRecord<>("recourse.reports", 0, 0, "key",
			new byte[0]);

	@Test
	void retriesARecordForAsLongAsTheStoreCannotBeReached() {
		BackOff backOff = StoreOutages.backOff()
			.apply(RECORD, new ListenerExecutionFailedException("listener failed",
					new DataAccessResourceFailureException("Timed out while waiting for a server")));

		assertThat(backOff).isNotNull();
		BackOffExecution execution = backOff.start();
		long waited = 0;
		for (int attempt = 0; attempt < 1_000; attempt++) {
			long next = execution.nextBackOff();
			assertThat(next).as("attempt " + attempt).isNotEqualTo(BackOffExecution.STOP).isLessThanOrEqualTo(10_000);
			waited += next;
		}
		assertThat(waited).as("a thousand retries span hours").isGreaterThan(3_600_000);
	}

	@Test
	void treatsATimedOutQueryAsAnOutageToo() {
		assertThat(StoreOutages.backOff().apply(RECORD, new QueryTimeoutException("timed out"))).isNotNull();
	}

	@Test
	void leavesEveryOtherFailureToTheHandlersUsualRetries() {
		assertThat(StoreOutages.backOff().apply(RECORD, new IllegalArgumentException("impossible time"))).isNull();
		assertThat(StoreOutages.backOff()
			.apply(RECORD, new ListenerExecutionFailedException("listener failed", new DuplicateKeyException("dup"))))
			.isNull();
	}

}
