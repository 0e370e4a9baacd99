package org.recourse.intake.report;

/** What the reporter is telling us. */
public enum ReportKind {

	WRONG_OUTPUT("The AI gave a wrong answer"), HARMFUL_OUTPUT("The AI gave a harmful answer"),
	MANDATED_AI_CONCERN("I have a concern about being required to use AI, or I want a non-AI alternative");

	private final String label;

	ReportKind(String label) {
		this.label = label;
	}

	public String getLabel() {
		return this.label;
	}

}
