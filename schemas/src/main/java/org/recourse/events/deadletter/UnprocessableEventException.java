package org.recourse.events.deadletter;

/**
 * An event that was read but can never be handled as it is: a value that cannot be true
 * (a time before Recourse existed, an id of the wrong shape), or a reference to something
 * that does not exist and never will. Retrying cannot help, so the error handler sends it
 * to the dead-letter topic at once. The message is the reason an operator reads there and
 * in the log: it names the event, the field and the rule, and never quotes a value (the
 * value may be text a reporter typed).
 */
public class UnprocessableEventException extends RuntimeException {

	public UnprocessableEventException(String reason) {
		super(reason);
	}

}
