package org.recourse.notification.owners;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import org.recourse.notification.delivery.FailureCategory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Posts a notice to a chat webhook as {@code {"text": "..."}}, the body that Slack and
 * Microsoft Teams incoming webhooks both accept. Any 2xx answer is success; 408, 429 and
 * 5xx are worth retrying, other 4xx are not (the hook is gone or refuses the body).
 */
@Component
class WebhookPost {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http;

	private final StaffNoticeSettings settings;

	WebhookPost(StaffNoticeSettings settings) {
		this.settings = settings;
		this.http = HttpClient.newBuilder().connectTimeout(settings.webhookTimeout()).build();
	}

	void post(URI url, NoticeView view) throws IOException, InterruptedException {
		if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())) {
			throw new Refused(FailureCategory.INVALID_ADDRESS);
		}
		HttpRequest request = HttpRequest.newBuilder(url)
			.timeout(this.settings.webhookTimeout())
			.header("Content-Type", "application/json; charset=utf-8")
			.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(Map.of("text", text(view)))))
			.build();
		int status = this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
		if (status / 100 == 2) {
			return;
		}
		boolean retryable = status == 408 || status == 429 || status >= 500;
		throw new Refused(retryable ? FailureCategory.HTTP_SERVER_ERROR : FailureCategory.HTTP_CLIENT_ERROR);
	}

	/**
	 * One short message; {@code &}, {@code <} and {@code >} escaped as Slack asks, so no
	 * value can turn into a mention or a link.
	 */
	static String text(NoticeView view) {
		return escaped(view.subject() + "\n" + view.headline() + "\nSystem: " + view.system() + " | Severity: "
				+ view.severity() + " | " + view.dueLabel() + ": " + view.due() + "\nCase " + view.caseId() + ": ")
				+ view.caseUrl();
	}

	private static String escaped(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
	}

	/** The webhook answered with a status that is not success. */
	static class Refused extends IOException implements FailureCategory.Categorised {

		private final FailureCategory category;

		Refused(FailureCategory category) {
			super("Webhook refused the post: " + category);
			this.category = category;
		}

		@Override
		public FailureCategory category() {
			return this.category;
		}

	}

}
