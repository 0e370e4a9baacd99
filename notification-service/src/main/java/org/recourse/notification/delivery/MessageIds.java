package org.recourse.notification.delivery;

import java.util.UUID;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

/**
 * Message-IDs fixed when a message is first recorded, not when it is sent. Sending is at
 * least once at the SMTP boundary (a sender that dies after the mail server accepted a
 * mail, before it recorded that, sends it again once its claim expires); the copy sent
 * again carries the same Message-ID, by which mail systems and clients recognise it as
 * the same message. The id is random, so it tells nothing about the case or the reporter.
 */
public final class MessageIds {

	private MessageIds() {
	}

	/** The local part of a new Message-ID, stored with the message's record. */
	public static String newId() {
		return UUID.randomUUID().toString();
	}

	/**
	 * Sets the Message-ID {@code <id@domain of from>} on {@code message}; a record stored
	 * before ids were kept ({@code id} null) gets the mail library's own.
	 */
	public static void apply(MimeMessage message, String id, String from) throws MessagingException {
		if (id == null) {
			return;
		}
		String address = new InternetAddress(from).getAddress();
		message.setHeader("Message-ID", "<" + id + "@" + address.substring(address.indexOf('@') + 1) + ">");
	}

}
