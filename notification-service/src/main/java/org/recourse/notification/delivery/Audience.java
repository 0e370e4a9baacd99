package org.recourse.notification.delivery;

/** Who a message is for: the reporter, or staff (owners, deputies, compliance). */
public enum Audience {

	REPORTER, OWNER;

	/** The metric tag value. */
	public String tag() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
