package org.recourse.intake.report;

import java.time.LocalDate;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PastOrPresent;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.format.annotation.DateTimeFormat;

/**
 * What a reporter fills in, on the web form or as the API's JSON body; both are validated
 * by the same rules (these annotations plus {@link ReportFormValidator}). Holds only
 * reporter input, never server-owned fields.
 */
public record ReportForm(
		@NotBlank(message = "Choose the AI system, or \"Not listed\"") @Size(max = 64,
				message = "The AI system id is too long") @Pattern(regexp = "[a-z0-9][a-z0-9-]*",
						message = "Choose an AI system from the list") String aiSystemId,
		@Size(max = 200, message = "Keep the system name under 200 characters") String aiSystemName,
		@NotNull(message = "Choose what kind of problem this is") ReportKind kind, HarmKind harmKind,
		@NotNull(message = "Choose how bad it was") Severity severity,
		@NotBlank(message = "Paste what the AI system said") @Size(max = 20000,
				message = "The AI output can be at most 20,000 characters") String aiOutput,
		@NotBlank(message = "Say what is wrong with it") @Size(max = 5000,
				message = "Keep this under 5,000 characters") String whatIsWrong,
		@Size(max = 5000, message = "Keep this under 5,000 characters") String expected,
		@PastOrPresent(message = "The date cannot be in the future") @DateTimeFormat(
				iso = DateTimeFormat.ISO.DATE) LocalDate happenedOn,
		@Size(max = 2000, message = "The link can be at most 2,000 characters") @Pattern(regexp = "https?://\\S+",
				message = "Give a link that starts with http:// or https://") String evidenceUrl,
		@Size(max = 254, message = "An e-mail address is at most 254 characters") @Email(
				message = "This does not look like an e-mail address") String email) {

	/** The system id that means "the system I used is not in the list". */
	public static final String NOT_LISTED = "not-listed";

	public static ReportForm empty() {
		return new ReportForm(null, null, null, null, null, null, null, null, null, null, null);
	}

	public boolean systemNotListed() {
		return NOT_LISTED.equals(this.aiSystemId);
	}

	@Override
	public String toString() {
		return "ReportForm[" + this.aiSystemId + ", " + this.kind + ", " + this.severity + "]";
	}

}
