package org.recourse.notification.staff;

import java.net.URI;
import java.time.ZoneId;

/**
 * A member of staff (or a team, such as compliance) who may be told about cases: where to
 * write to them, an optional chat webhook, whether they want SLA reminders in a periodic
 * digest, and the time zone they read due times in. Never a reporter.
 */
public record StaffMember(String id, String email, URI webhookUrl, boolean digest, ZoneId zone) {

	public StaffMember {
		if (id == null || id.isBlank() || email == null || email.isBlank()) {
			throw new IllegalArgumentException("A staff member needs an id and an e-mail address");
		}
		zone = (zone != null) ? zone : ZoneId.of("UTC");
	}

	public boolean hasWebhook() {
		return this.webhookUrl != null;
	}

}
