package org.recourse.triage.cases;

import java.time.Instant;

/**
 * Something the reporter wrote to the owner. It carries the words only, never who wrote
 * them.
 */
public record ReporterMessage(String eventId, Instant at, Kind kind, String text) {

	public enum Kind {

		REPLY, CONTEST

	}

	@Override
	public String toString() {
		return "ReporterMessage[" + this.eventId + ", " + this.kind + "]";
	}

}
