package org.recourse.notification.delivery;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.AddressException;

import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;

/**
 * Why a delivery failed, in words that are safe to publish, log and count: a category,
 * never the failure's message (an SMTP server's answer often quotes the address).
 * Permanent categories are not worth retrying.
 */
public enum FailureCategory {

	CONNECTION(false), TIMEOUT(false), REJECTED(false), INVALID_ADDRESS(true), HTTP_CLIENT_ERROR(true),
	HTTP_SERVER_ERROR(false), UNKNOWN_RECIPIENT(true), UNDECRYPTABLE_CONTACT(true), OTHER(false);

	private final boolean permanent;

	FailureCategory(boolean permanent) {
		this.permanent = permanent;
	}

	public boolean permanent() {
		return this.permanent;
	}

	/**
	 * Whether the failure says the server could not be reached or did not answer in time,
	 * so that the next message to the same server would most likely wait as long and fail
	 * the same way.
	 */
	public boolean unreachable() {
		return this == CONNECTION || this == TIMEOUT;
	}

	public static FailureCategory of(Throwable failure) {
		if (failure instanceof Categorised categorised) {
			return categorised.category();
		}
		if (failure instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
			return of(send.getFailedMessages().values().iterator().next());
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			FailureCategory category = direct(cause);
			if (category != null) {
				return category;
			}
		}
		return OTHER;
	}

	private static FailureCategory direct(Throwable cause) {
		if (cause instanceof ConnectException || cause instanceof UnknownHostException) {
			return CONNECTION;
		}
		if (cause instanceof SocketTimeoutException || cause instanceof HttpTimeoutException) {
			return TIMEOUT;
		}
		if (cause instanceof AddressException) {
			return INVALID_ADDRESS;
		}
		if (cause instanceof SendFailedException || cause instanceof AuthenticationFailedException
				|| cause instanceof MailAuthenticationException) {
			return REJECTED;
		}
		return null;
	}

	/** A failure that knows its category (such as an HTTP status of a webhook). */
	public interface Categorised {

		FailureCategory category();

	}

}
