package org.recourse.notification.delivery;

import java.time.Instant;
import java.util.Date;

/**
 * The times a claim reads from a stored delivery before taking it: its due time and
 * another replica's claim.
 */
public final class Leases {

	private Leases() {
	}

	/** Whether a due time is set and still to come at {@code now}. */
	public static boolean notYetDue(Date dueAt, Instant now) {
		return dueAt != null && dueAt.toInstant().isAfter(now);
	}

	/** Whether a claim is set and not yet expired at {@code now}. */
	public static boolean claimed(Date claimedUntil, Instant now) {
		return claimedUntil != null && !claimedUntil.toInstant().isBefore(now);
	}

}
