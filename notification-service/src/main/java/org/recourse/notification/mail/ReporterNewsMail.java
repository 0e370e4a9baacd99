package org.recourse.notification.mail;

import java.nio.charset.StandardCharsets;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.recourse.notification.delivery.MessageIds;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/**
 * The reporter's "there is news" e-mail: fixed subject, text and HTML bodies from
 * templates that know only the status page's address. No report text, no receipt code, no
 * names; the reporter's address appears in To: only, parsed strictly so that no header
 * can be injected through it.
 */
final class ReporterNewsMail {

	static final String SUBJECT = "There is news about your report";

	private ReporterNewsMail() {
	}

	static MimeMessage compose(JavaMailSender sender, ITemplateEngine html, ITemplateEngine text, String to,
			String messageId, MailSettings settings) throws MessagingException {
		InternetAddress recipient = new InternetAddress(to, true);
		recipient.validate();
		Context context = new Context();
		context.setVariable("statusPageUrl", settings.statusPageUrl());
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
		helper.setFrom(settings.from());
		helper.setTo(recipient);
		helper.setSubject(SUBJECT);
		helper.setText(text.process("mail/reporter-news", context), html.process("mail/reporter-news", context));
		MessageIds.apply(message, messageId, settings.from());
		return message;
	}

}
