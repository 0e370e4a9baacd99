package org.recourse.localstack;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two instances of triage-service and two of notification-service, on a stack of their
 * own: same databases, same consumer groups, same ShedLock locks, other HTTP ports. The
 * topics have three partitions, so each group splits them between the instances; both
 * instances of each service get partitions and do part of the work (their own counters
 * say how much), and nothing is done twice: one case per report, one escalation per
 * breach, at most one e-mail per event.
 */
@Order(2)
class HorizontalScaleEndToEndTests {

	private static final int REPORTS = 150;

	private static OwnStack own;

	private static Map<String, Integer> ports;

	@BeforeAll
	static void startTwoOfEach() {
		own = OwnStack.start("scale", "--recourse.sla.scan-interval=1s");
		LocalStack stack = own.stack();
		ports = Map.of("triage-service", stack.settings().triagePort(), "triage-service-2",
				stack.startSecondInstance(Service.TRIAGE), "notification-service", stack.settings().notificationPort(),
				"notification-service-2", stack.startSecondInstance(Service.NOTIFICATION));
	}

	@AfterAll
	static void stopAll() {
		if (own != null) {
			own.close();
		}
	}

	@Test
	void twoInstancesOfTriageAndOfNotificationShareTheWorkAndDoNothingTwice() {
		LocalStack stack = own.stack();
		try (StackInspector inspector = new StackInspector(stack);
				ReportLoad load = new ReportLoad(stack.settings().url(stack.settings().intakePort()), REPORTS, 5.0,
						2)) {
			for (String topic : List.of("recourse.reports", "recourse.cases", "recourse.reporter-contacts")) {
				assertThat(inspector.partitions(topic)).as("partitions of " + topic).isGreaterThanOrEqualTo(2);
			}
			await("both instances in every group").atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
				assertThat(inspector.membersWithPartitions("triage-service")).as("triage-service members").isEqualTo(2);
				assertThat(inspector.membersWithPartitions("notification-service-staff"))
					.as("notification-service-staff members")
					.isEqualTo(2);
				assertThat(inspector.membersWithPartitions("notification-service"))
					.as("notification-service members (cases and contacts, per instance)")
					.isEqualTo(4);
			});

			load.start();
			await("every submission answered").atMost(Duration.ofMinutes(3)).until(load::done);
			await("the stack settles").atMost(Duration.ofMinutes(5))
				.pollInterval(Duration.ofSeconds(2))
				.until(() -> inspector.state().equals(StackInspector.SETTLED));
			Findings findings = Findings.of(load, inspector, 0, List.of(), Findings.ESCALATION_DELAY_MARGIN);
			Map<String, Double> work = Map.of("cases routed by triage-service",
					counter("triage-service", "recourse_cases_routed_total"), "cases routed by triage-service-2",
					counter("triage-service-2", "recourse_cases_routed_total"),
					"reporter updates composed by notification-service",
					counter("notification-service", "recourse_reporter_updates_composed_total"),
					"reporter updates composed by notification-service-2",
					counter("notification-service-2", "recourse_reporter_updates_composed_total"),
					"e-mails sent by notification-service",
					counter("notification-service", "recourse_notifications_total", "outcome=\"sent\""),
					"e-mails sent by notification-service-2",
					counter("notification-service-2", "recourse_notifications_total", "outcome=\"sent\""));
			String summary = findings.summary() + "  work per instance: " + new java.util.TreeMap<>(work) + "\n";
			System.out.println("[scale]\n" + summary);

			assertThat(findings.problems()).as(summary).isEmpty();
			assertThat(findings.count("receipts issued (201 read by the client)")).isEqualTo(REPORTS);
			assertThat(findings.count("escalations (distinct events)")).as("probe cases escalated").isPositive();
			assertThat(work).as(summary).allSatisfy((what, count) -> assertThat(count).as(what).isPositive());
			assertThat(work.get("cases routed by triage-service") + work.get("cases routed by triage-service-2"))
				.isEqualTo(REPORTS);
		}
		own.passed();
	}

	/**
	 * The sum of every series of a counter on one instance's {@code /actuator/prometheus}
	 * (scraped with the scrape credential), optionally only series whose labels contain
	 * {@code label}.
	 */
	private static double counter(String instance, String name, String... label) {
		String scrape = StackClient.scraper()
			.get(own.stack().settings().url(ports.get(instance)) + "/actuator/prometheus")
			.body();
		Matcher series = Pattern.compile("(?m)^" + name + "\\{([^}]*)} (\\S+)$").matcher(scrape);
		double sum = 0;
		while (series.find()) {
			if (label.length == 0 || series.group(1).contains(label[0])) {
				sum += Double.parseDouble(series.group(2));
			}
		}
		return sum;
	}

}
