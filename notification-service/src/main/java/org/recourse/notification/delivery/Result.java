package org.recourse.notification.delivery;

/**
 * How one attempt went: sent, failed (will be tried again), or dead-lettered (given up).
 */
public enum Result {

	SENT, FAILED, DEAD_LETTERED;

	/** The metric tag value. */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
