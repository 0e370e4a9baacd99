package org.recourse.intake.report;

/** What kind of harm a harmful answer did. */
public enum HarmKind {

	BIAS("Bias or discrimination"), UNSAFE_ADVICE("Unsafe advice"), PRIVACY_LEAK("It revealed private information"),
	SECURITY("A security problem");

	private final String label;

	HarmKind(String label) {
		this.label = label;
	}

	public String getLabel() {
		return this.label;
	}

}
