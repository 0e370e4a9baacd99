package org.recourse.intake.report;

/** How bad it was, in the reporter's words; it sets how fast the owner must answer. */
public enum Severity {

	CRITICAL("Critical",
			"Someone could be hurt, lose their job or money, or the law may be broken. Answer within an hour."),
	HIGH("High", "A wrong decision was made or was about to be made because of it."),
	MEDIUM("Medium", "It was wrong and it matters, but no decision was taken on it."),
	LOW("Low", "A small mistake worth fixing.");

	private final String label;

	private final String help;

	Severity(String label, String help) {
		this.label = label;
		this.help = help;
	}

	public String getLabel() {
		return this.label;
	}

	public String getHelp() {
		return this.help;
	}

}
