package org.recourse.localstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/**
 * The local stack's mail server: GreenMail accepts every e-mail over SMTP and keeps it in
 * memory, and a small page lists them (newest first) with their text; {@code /api/mails}
 * gives the same as JSON lines for tests (recipient, subject, Message-ID, text). Both
 * listen on loopback only. Prints nothing about the mails, so its log never holds an
 * address. Run as its own process: {@code MailSink <host> <smtp port> <page port>}.
 */
public final class MailSink {

	private final GreenMail mail;

	private MailSink(GreenMail mail) {
		this.mail = mail;
	}

	public static void main(String[] args) throws Exception {
		String host = args[0];
		GreenMail mail = new GreenMail(new ServerSetup(Integer.parseInt(args[1]), host, ServerSetup.PROTOCOL_SMTP))
			.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
		mail.start();
		HttpServer page = HttpServer.create(new InetSocketAddress(host, Integer.parseInt(args[2])), 0);
		page.createContext("/", new MailSink(mail)::answer);
		page.start();
		System.out.println("Mail sink: SMTP on " + host + ":" + args[1] + ", mails at http://" + host + ":" + args[2]);
		CountDownLatch stopped = new CountDownLatch(1);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			page.stop(0);
			mail.stop();
			System.out.println("Mail sink stopped");
			stopped.countDown();
		}, "mail-sink-shutdown"));
		stopped.await();
	}

	private void answer(HttpExchange exchange) throws IOException {
		try (exchange) {
			MimeMessage[] received = this.mail.getReceivedMessages();
			String path = exchange.getRequestURI().getPath();
			if (path.startsWith("/api/")) {
				respond(exchange, "application/json; charset=utf-8", jsonLines(received));
				return;
			}
			String html;
			try {
				html = path.matches("/\\d+") ? message(received, Integer.parseInt(path.substring(1))) : list(received);
			}
			catch (MessagingException | RuntimeException ex) {
				html = "<p>Cannot show this mail.</p>";
			}
			respond(exchange, "text/html; charset=utf-8",
					"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Recourse local mail"
							+ "</title></head><body style=\"font-family: sans-serif\">" + html + "</body></html>");
		}
	}

	private static void respond(HttpExchange exchange, String type, String text) throws IOException {
		byte[] body = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", type);
		exchange.sendResponseHeaders(200, body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** One JSON object per line and mail, oldest first. */
	private static String jsonLines(MimeMessage[] received) {
		StringBuilder lines = new StringBuilder();
		for (MimeMessage mail : received) {
			try {
				lines.append("{\"to\":")
					.append(json(addresses(mail.getAllRecipients())))
					.append(",\"subject\":")
					.append(json(mail.getSubject()))
					.append(",\"messageId\":")
					.append(json(mail.getMessageID()))
					.append(",\"text\":")
					.append(json(text(mail)))
					.append("}\n");
			}
			catch (MessagingException | IOException | RuntimeException ex) {
				lines.append("{\"unreadable\":true}\n");
			}
		}
		return lines.toString();
	}

	private static String json(String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder quoted = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

	private static String list(MimeMessage[] received) throws MessagingException {
		StringBuilder html = new StringBuilder("<h1>Mails sent by the local stack (" + received.length + ")</h1><ol>");
		for (int i = received.length - 1; i >= 0; i--) {
			html.append("<li><a href=\"/")
				.append(i)
				.append("\">")
				.append(escape(received[i].getSubject()))
				.append("</a> to ")
				.append(escape(addresses(received[i].getAllRecipients())))
				.append("</li>");
		}
		return html.append("</ol>").toString();
	}

	private static String message(MimeMessage[] received, int index) throws MessagingException, IOException {
		MimeMessage mail = received[index];
		return "<p><a href=\"/\">All mails</a></p><h1>" + escape(mail.getSubject()) + "</h1><p>From "
				+ escape(addresses(mail.getFrom())) + " to " + escape(addresses(mail.getAllRecipients())) + ", "
				+ mail.getSentDate() + "</p><pre style=\"white-space: pre-wrap\">" + escape(text(mail)) + "</pre>";
	}

	/** The first text/plain part (every mail of the platform has one). */
	private static String text(Part part) throws MessagingException, IOException {
		if (part.isMimeType("text/plain")) {
			return String.valueOf(part.getContent());
		}
		if (part.getContent() instanceof Multipart multipart) {
			for (int i = 0; i < multipart.getCount(); i++) {
				BodyPart child = multipart.getBodyPart(i);
				String text = text(child);
				if (!text.isEmpty()) {
					return text;
				}
			}
		}
		return "";
	}

	private static String addresses(Address[] addresses) {
		if (addresses == null) {
			return "";
		}
		StringBuilder all = new StringBuilder();
		for (Address address : addresses) {
			all.append((all.length() > 0) ? ", " : "").append(address);
		}
		return all.toString();
	}

	private static String escape(String text) {
		return (text == null) ? ""
				: text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
