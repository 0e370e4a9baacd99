package org.recourse.localstack;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A report accepted while Kafka is down is not lost: intake stores it with its pending
 * event, shows the receipt, and its outbox relay delivers the event once the broker is
 * back, exactly once downstream.
 */
@ExtendWith(LocalStackExtension.class)
class BrokerOutageEndToEndTests {

	private final StackClient client = new StackClient();

	@Test
	void reportsAcceptedWhileKafkaIsDownAreRoutedOnceWhenItIsBack(LocalStack stack) {
		String intake = stack.settings().url(stack.settings().intakePort());
		String marker = "accepted during outage " + UUID.randomUUID();
		List<String> codes = new ArrayList<>();
		stack.stopKafka();
		try {
			for (int i = 0; i < 3; i++) {
				HttpResponse<String> created = this.client.postJson(intake + "/api/v1/reports",
						report(marker + " #" + i));
				assertThat(created.statusCode()).as("accepted while the broker is down").isEqualTo(201);
				codes.add(this.client.json(created).get("receiptCode").asString());
			}
		}
		finally {
			stack.startKafka();
		}

		await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
			for (String code : codes) {
				HttpResponse<String> status = this.client.postJson(intake + "/api/v1/reports/status",
						Map.of("receiptCode", code));
				assertThat(this.client.json(status).get("timeline").toString()).contains("must acknowledge it by");
			}
		});
		String queue = StackClient.staff("bob.owner")
			.get(stack.settings().url(stack.settings().triagePort()) + "/api/v1/cases?owner=bob.owner&size=100")
			.body();
		for (int i = 0; i < 3; i++) {
			assertThat(queue.split(java.util.regex.Pattern.quote(marker + " #" + i), -1)).as("one case per report")
				.hasSize(2);
		}
	}

	private static Map<String, String> report(String output) {
		Map<String, String> report = new LinkedHashMap<>();
		report.put("aiSystemId", "support-chatbot");
		report.put("kind", "WRONG_OUTPUT");
		report.put("severity", "LOW");
		report.put("aiOutput", output);
		report.put("whatIsWrong", "It promised a refund policy that does not exist");
		return report;
	}

}
