package org.recourse.triage.cases;

/**
 * An action that the case's current state does not allow; the message says what to do
 * instead.
 */
public class TransitionRefusedException extends RuntimeException {

	public TransitionRefusedException(String message) {
		super(message);
	}

}
