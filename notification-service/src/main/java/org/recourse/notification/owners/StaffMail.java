package org.recourse.notification.owners;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.recourse.notification.delivery.MessageIds;
import org.recourse.notification.staff.StaffMember;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Staff e-mails, text and HTML from templates: one per notice, or one digest of
 * reminders. The recipient comes from the staff directory, parsed strictly; every other
 * value is a {@link NoticeView}, already one safe line each.
 */
@Component
class StaffMail {

	static final String DIGEST_SUBJECT = "[Recourse] Reminders: deadlines near on your cases";

	private final ITemplateEngine html;

	private final ITemplateEngine text;

	private final StaffNoticeSettings settings;

	StaffMail(ITemplateEngine templateEngine, @Qualifier("mailTextTemplates") ITemplateEngine text,
			StaffNoticeSettings settings) {
		this.html = templateEngine;
		this.text = text;
		this.settings = settings;
	}

	MimeMessage notice(JavaMailSender sender, StaffMember to, NoticeView view, String messageId)
			throws MessagingException {
		Context context = new Context();
		context.setVariable("notice", view);
		MimeMessage message = compose(sender, to, view.subject(), "mail/staff-notice", context);
		MessageIds.apply(message, messageId, this.settings.from());
		return message;
	}

	MimeMessage digest(JavaMailSender sender, StaffMember to, List<NoticeView> reminders) throws MessagingException {
		Context context = new Context();
		context.setVariable("reminders", reminders);
		return compose(sender, to, DIGEST_SUBJECT, "mail/staff-digest", context);
	}

	private MimeMessage compose(JavaMailSender sender, StaffMember to, String subject, String template, Context context)
			throws MessagingException {
		InternetAddress recipient = new InternetAddress(to.email(), true);
		recipient.validate();
		MimeMessage message = sender.createMimeMessage();
		MimeMessageHelper helper = new MimeMessageHelper(message, true, StandardCharsets.UTF_8.name());
		helper.setFrom(this.settings.from());
		helper.setTo(recipient);
		helper.setSubject(subject);
		helper.setText(this.text.process(template, context), this.html.process(template, context));
		return message;
	}

}
