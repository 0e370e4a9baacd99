package org.recourse.notification.owners;

/** What a staff notice is about. */
enum NoticeKind {

	/**
	 * A new case is theirs (routed to them, or to the governance queue for compliance).
	 */
	ASSIGNED,

	/** A case was reassigned to them. */
	REASSIGNED,

	/** The reporter answered their question; the clocks run again. */
	ANSWERED,

	/** A deadline of their case is near (an SLA warning). */
	REMINDER,

	/** A case breached a deadline and climbed to them. */
	ESCALATED

}
