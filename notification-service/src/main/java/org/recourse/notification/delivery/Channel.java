package org.recourse.notification.delivery;

/** How a message travels. */
public enum Channel {

	EMAIL, WEBHOOK;

	/** The metric tag value. */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
