package org.recourse.triage.cases;

/** The owner's verdict on the AI output and what was done about it. */
public record CaseResolution(Verdict verdict, HarmConfirmed harmConfirmed, String rootCause, Resolution resolution,
		String resolutionNote, String summaryForReporter) {

	public enum Verdict {

		CORRECT, MOSTLY_CORRECT, INCORRECT

	}

	public enum HarmConfirmed {

		YES, NO, UNCLEAR

	}

	public enum Resolution {

		FIXED, MITIGATED, WILL_NOT_FIX, NOT_REPRODUCIBLE, DUPLICATE

	}

}
