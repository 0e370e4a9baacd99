package org.recourse.intake.reply;

/** How an action by the reporter ended, with the words the reporter reads. */
public enum ReporterAction {

	DONE("Thank you. Your answer has been passed on."),
	CONTESTED("Your challenge has been recorded. The case will be looked at again."),
	NOT_FOUND("No report matches this receipt code. Check the code and try again."),
	NO_OPEN_QUESTION("There is no open question to answer on this report."),
	NOT_CONTESTABLE("This outcome can no longer be contested: it was already contested, or the 14 days have passed.");

	private final String message;

	ReporterAction(String message) {
		this.message = message;
	}

	public String message() {
		return this.message;
	}

	public boolean succeeded() {
		return this == DONE || this == CONTESTED;
	}

}
