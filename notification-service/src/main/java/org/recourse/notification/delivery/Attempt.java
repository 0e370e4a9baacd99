package org.recourse.notification.delivery;

/**
 * One delivery attempt of the message caused by an event, as it may be told to the rest
 * of the platform: no address, no recipient, no content. {@code reasonCategory} is one of
 * {@link FailureCategory}'s names, or null when sent.
 */
public record Attempt(String reportId, String causeEventId, Channel channel, Audience audience, Result result,
		String reasonCategory, int number, boolean digest) {

	public static Attempt sent(String reportId, String causeEventId, Channel channel, Audience audience, int number,
			boolean digest) {
		return new Attempt(reportId, causeEventId, channel, audience, Result.SENT, null, number, digest);
	}

	public static Attempt failed(String reportId, String causeEventId, Channel channel, Audience audience,
			FailureCategory reason, int number, boolean digest, boolean givenUp) {
		return new Attempt(reportId, causeEventId, channel, audience, givenUp ? Result.DEAD_LETTERED : Result.FAILED,
				reason.name(), number, digest);
	}

}
