package org.recourse.localstack;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.bson.Document;
import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseRouted;
import org.recourse.events.serde.AvroEventDeserializer;
import tools.jackson.databind.JsonNode;

/**
 * What a run did, counted from the stack's own records after it settled, and every broken
 * promise found: a receipt without exactly one report and one case, a report without
 * exactly one "received" update, more than one distinct e-mail for one event, an e-mail
 * recorded as sent that never arrived, a breach escalated twice, anything left in an
 * outbox or unread by a consumer group, a dead letter without a reason or one no fault
 * explains.
 */
final class Findings {

	static final String REPORTER_SUBJECT = "There is news about your report";

	static final String DIGEST_SUBJECT = "[Recourse] Reminders: deadlines near on your cases";

	/**
	 * How late an escalation may come after its deadline passed, beyond the longest time
	 * triage or the store was down: the scanner lock a killed replica leaves (30 s), a
	 * scan interval, and some slack for a busy machine.
	 */
	static final java.time.Duration ESCALATION_DELAY_MARGIN = java.time.Duration.ofSeconds(60);

	private final Map<String, Long> counts = new java.util.LinkedHashMap<>();

	private final List<String> problems = new ArrayList<>();

	private final List<String> deadLetters;

	private final List<String> notes = new ArrayList<>();

	private final java.time.Duration maxEscalationDelay;

	/**
	 * How many e-mails of one kind a crash may explain being sent again: the 2 this check
	 * allowed when deliveries went out one at a time, times the deliveries a poll now has
	 * in flight ({@code recourse.mail.concurrency} and
	 * {@code recourse.staff-notices.concurrency}, 4 by default).
	 */
	private static final int RESENT_PER_CRASH = 2 * 4;

	private Findings(List<String> deadLetters, java.time.Duration maxEscalationDelay) {
		this.deadLetters = deadLetters;
		this.maxEscalationDelay = maxEscalationDelay;
	}

	/**
	 * Reads everything and checks it. {@code mailCrashes}: how many times a process that
	 * sends e-mails or holds their state (notification-service, the store) crashed, each
	 * of which may have cut a sender off between the mail server's acceptance and the
	 * write that records it: that mail is sent again, with the same Message-ID.
	 */
	static Findings of(ReportLoad load, StackInspector stack, int mailCrashes, List<String> expectedDeadLetters,
			java.time.Duration maxEscalationDelay) {
		Findings findings = new Findings(stack.deadLetters(), maxEscalationDelay);
		findings.load(load);
		Map<String, Document> reports = findings.reports(load, stack);
		findings.cases(reports, stack);
		findings.reporterUpdates(load, reports, stack, mailCrashes);
		findings.events(reports, stack);
		findings.plumbing(stack, expectedDeadLetters);
		return findings;
	}

	private void load(ReportLoad load) {
		this.counts.put("submissions", (long) load.issued().size() + load.refused().size() + load.gaveUp());
		this.counts.put("HTTP attempts (retries included)", load.attempts());
		this.counts.put("receipts issued (201 read by the client)", (long) load.issued().size());
		this.counts.put("receipts issued after a retry",
				load.issued().stream().filter((issued) -> issued.attempts() > 1).count());
		this.counts.put("submissions given up after " + ReportLoad.GIVE_UP_AFTER.toMinutes() + " min of retries",
				(long) load.gaveUp());
		load.failures().forEach((kind, count) -> this.notes.add("failed attempts (retried): " + kind + " × " + count));
		load.refused()
			.forEach((refused) -> problem(
					"submission #" + refused.index() + " refused with " + refused.status() + ": " + refused.body()));
		Set<String> ids = new HashSet<>();
		load.issued()
			.stream()
			.filter((issued) -> !ids.add(issued.reportId()))
			.forEach((issued) -> problem("report id " + issued.reportId() + " issued for two submissions"));
	}

	private Map<String, Document> reports(ReportLoad load, StackInspector stack) {
		Map<String, Document> reports = stack
			.all("recourse_intake", "reports", "_id", "idempotencyLookup", "timeline.type", "timeline.eventId")
			.stream()
			.collect(Collectors.toMap((report) -> report.getString("_id"), Function.identity()));
		this.counts.put("reports stored by intake", (long) reports.size());
		this.counts.put("reports stored without a receipt read by the client", reports.size()
				- load.issued().stream().filter((issued) -> reports.containsKey(issued.reportId())).count());
		load.issued()
			.stream()
			.filter((issued) -> !reports.containsKey(issued.reportId()))
			.forEach((issued) -> problem("receipt " + issued.reportId() + " issued but no report stored (LOST)"));
		reports.values()
			.stream()
			.collect(Collectors.groupingBy((report) -> String.valueOf(report.getString("idempotencyLookup")),
					Collectors.counting()))
			.forEach((key, count) -> {
				if (count > 1) {
					problem(count + " reports stored for one Idempotency-Key (DUPLICATE)");
				}
			});
		long received = 0;
		for (Document report : reports.values()) {
			long entries = report.getList("timeline", Document.class, List.of())
				.stream()
				.filter((entry) -> "RECEIVED".equals(entry.getString("type")))
				.count();
			received += entries;
			if (entries != 1) {
				problem("report " + report.getString("_id") + " shows " + entries
						+ " \"received\" updates on its status page");
			}
		}
		this.counts.put("\"received\" updates on status pages", received);
		return reports;
	}

	private void cases(Map<String, Document> reports, StackInspector stack) {
		List<Document> cases = new ArrayList<>(stack.all("recourse_triage", "cases", "_id", "reportId"));
		long working = cases.size();
		cases.addAll(stack.all("recourse_triage", "closedCases", "_id", "reportId"));
		this.counts.put("cases (working + archived)", (long) cases.size());
		this.counts.put("cases archived", cases.size() - working);
		Map<String, Long> perReport = cases.stream()
			.collect(Collectors.groupingBy((kase) -> kase.getString("reportId"), Collectors.counting()));
		reports.keySet().forEach((reportId) -> {
			long count = perReport.getOrDefault(reportId, 0L);
			if (count != 1) {
				problem("report " + reportId + " has " + count + " cases");
			}
		});
		perReport.keySet()
			.stream()
			.filter((reportId) -> !reports.containsKey(reportId))
			.forEach((reportId) -> problem("case for report " + reportId + ", which intake does not have"));
	}

	private void reporterUpdates(ReportLoad load, Map<String, Document> reports, StackInspector stack,
			int mailCrashes) {
		List<Document> updates = stack.all("recourse_notification", "reporter_updates", "_id", "reportId", "type",
				"mailOutcome", "mailMessageId");
		this.counts.put("reporter updates composed", (long) updates.size());
		Map<String, List<Document>> byReport = updates.stream()
			.collect(Collectors.groupingBy((update) -> update.getString("reportId")));
		reports.keySet().forEach((reportId) -> {
			long received = byReport.getOrDefault(reportId, List.of())
				.stream()
				.filter((update) -> "RECEIVED".equals(update.getString("type")))
				.count();
			if (received != 1) {
				problem("report " + reportId + " has " + received + " \"received\" updates in notification-service");
			}
		});
		List<JsonNode> mails = stack.mails();
		this.counts.put("e-mails received by the mail sink", (long) mails.size());
		reporterMails(load, byReport, mails, mailCrashes);
		staffMails(stack, mails, mailCrashes);
	}

	private void reporterMails(ReportLoad load, Map<String, List<Document>> updatesByReport, List<JsonNode> mails,
			int mailCrashes) {
		Map<String, String> reportByAddress = new HashMap<>();
		load.issued()
			.stream()
			.filter((issued) -> issued.email() != null)
			.forEach((issued) -> reportByAddress.put(issued.email(), issued.reportId()));
		Map<String, List<JsonNode>> mailsByReport = new HashMap<>();
		long reporterMails = 0;
		for (JsonNode mail : mails) {
			if (!REPORTER_SUBJECT.equals(mail.path("subject").asString())) {
				continue;
			}
			reporterMails++;
			String reportId = reportByAddress.get(mail.path("to").asString());
			if (reportId != null) {
				mailsByReport.computeIfAbsent(reportId, (id) -> new ArrayList<>()).add(mail);
			}
		}
		this.counts.put("reporter e-mails received", reporterMails);
		long resent = 0;
		long noContact = 0;
		for (String reportId : reportByAddress.values()) {
			List<Document> updates = updatesByReport.getOrDefault(reportId, List.of());
			List<JsonNode> received = mailsByReport.getOrDefault(reportId, List.of());
			long sent = updates.stream().filter((update) -> "SENT".equals(update.getString("mailOutcome"))).count();
			long distinct = received.stream().map((mail) -> mail.path("messageId").asString()).distinct().count();
			resent += received.size() - distinct;
			if (distinct > updates.size() || distinct > sent) {
				problem("report " + reportId + ": " + distinct + " distinct e-mails for " + updates.size()
						+ " updates, " + sent + " recorded as sent (DUPLICATE)");
			}
			if (received.size() < sent) {
				problem("report " + reportId + ": " + sent + " e-mails recorded as sent, " + received.size()
						+ " received (LOST)");
			}
			for (Document update : updates) {
				if (!"SENT".equals(update.getString("mailOutcome"))) {
					noContact++;
					problem("report " + reportId + " left an e-mail address but its " + update.getString("type")
							+ " update was not mailed: " + update.getString("mailOutcome"));
				}
			}
			Set<String> recorded = updates.stream()
				.map((update) -> update.getString("mailMessageId"))
				.filter(java.util.Objects::nonNull)
				.collect(Collectors.toSet());
			if (!recorded.isEmpty()) {
				received.stream()
					.filter((mail) -> recorded.stream()
						.noneMatch((id) -> mail.path("messageId").asString().contains(id)))
					.forEach((mail) -> problem("report " + reportId + ": an e-mail with Message-ID "
							+ mail.path("messageId").asString() + " matches none of its updates"));
			}
		}
		this.counts.put("reporter e-mails sent again after a crash (same Message-ID)", resent);
		this.counts.put("reporter updates with an address but no e-mail", noContact);
		if (resent > (long) RESENT_PER_CRASH * mailCrashes) {
			problem(resent + " reporter e-mails sent twice, more than the " + (RESENT_PER_CRASH * mailCrashes)
					+ " that " + mailCrashes + " crashes can explain");
		}
	}

	private void staffMails(StackInspector stack, List<JsonNode> mails, int mailCrashes) {
		List<Document> notices = stack.all("recourse_notification", "staff_notifications", "_id", "notice.kind",
				"notice.caseId", "emailOutcome", "emailDigest", "emailMessageId");
		this.counts.put("staff notices recorded", (long) notices.size());
		this.counts.put("staff notices recorded as e-mailed",
				notices.stream().filter((notice) -> "SENT".equals(notice.getString("emailOutcome"))).count());
		Map<String, Long> perNotice = new TreeMap<>();
		long staffMails = 0;
		long digests = 0;
		for (JsonNode mail : mails) {
			String subject = mail.path("subject").asString();
			if (DIGEST_SUBJECT.equals(subject)) {
				digests++;
			}
			else if (!REPORTER_SUBJECT.equals(subject)) {
				staffMails++;
				perNotice.merge(mail.path("to").asString() + " | " + subject + " | " + caseIdIn(mail), 1L, Long::sum);
			}
		}
		this.counts.put("staff e-mails received (one per notice)", staffMails);
		this.counts.put("staff digest e-mails received", digests);
		Map<String, Set<String>> distinctPerNotice = new TreeMap<>();
		for (JsonNode mail : mails) {
			String subject = mail.path("subject").asString();
			if (!DIGEST_SUBJECT.equals(subject) && !REPORTER_SUBJECT.equals(subject)) {
				distinctPerNotice
					.computeIfAbsent(mail.path("to").asString() + " | " + subject + " | " + caseIdIn(mail),
							(key) -> new HashSet<>())
					.add(mail.path("messageId").asString());
			}
		}
		long resent = 0;
		for (Map.Entry<String, Long> notice : perNotice.entrySet()) {
			int distinct = distinctPerNotice.get(notice.getKey()).size();
			resent += notice.getValue() - distinct;
			if (distinct > 1) {
				problem(distinct + " distinct staff e-mails for one notice (DUPLICATE): " + notice.getKey());
			}
		}
		this.counts.put("staff e-mails sent again after a crash (same Message-ID)", resent);
		if (resent > (long) RESENT_PER_CRASH * mailCrashes) {
			problem(resent + " staff e-mails sent twice, more than the " + (RESENT_PER_CRASH * mailCrashes) + " that "
					+ mailCrashes + " crashes can explain");
		}
		long sentNotices = this.counts.get("staff notices recorded as e-mailed");
		if (staffMails - resent != sentNotices) {
			problem(sentNotices + " staff notices recorded as e-mailed, " + (staffMails - resent)
					+ " distinct staff e-mails received");
		}
	}

	private static String caseIdIn(JsonNode mail) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("Case:\\s+(\\S+)")
			.matcher(mail.path("text").asString());
		return matcher.find() ? matcher.group(1) : "?";
	}

	/**
	 * What triage published: one routing per report, and no breach escalated twice (two
	 * different escalation events for the same case, clock and level). The same event
	 * published twice (same id) is at-least-once delivery, which consumers absorb.
	 */
	private void events(Map<String, Document> reports, StackInspector stack) {
		AvroEventDeserializer decoder = new AvroEventDeserializer();
		Map<String, Set<String>> routings = new HashMap<>();
		Map<String, Set<String>> escalations = new TreeMap<>();
		long[] records = new long[1];
		java.util.List<Long> delays = new ArrayList<>();
		stack.readTopic("recourse.cases", (record) -> {
			records[0]++;
			Object event = decoder.deserialize(record.topic(), record.value());
			if (event instanceof CaseRouted routed) {
				routings.computeIfAbsent(routed.getReportId().toString(), (id) -> new HashSet<>())
					.add(routed.getEventId().toString());
			}
			else if (event instanceof CaseEscalated escalated) {
				escalations
					.computeIfAbsent(
							escalated.getCaseId() + " " + escalated.getClock() + " level " + escalated.getLevel(),
							(key) -> new HashSet<>())
					.add(escalated.getEventId().toString());
				delays.add(java.time.Duration.between(escalated.getDueAt(), escalated.getOccurredAt()).toMillis());
			}
		});
		long slowest = delays.stream().mapToLong(Long::longValue).max().orElse(0);
		this.counts.put("slowest escalation after its breach (s)", slowest / 1000);
		if (slowest > this.maxEscalationDelay.toMillis()) {
			problem("an escalation came " + slowest / 1000 + " s after its breach (more than "
					+ this.maxEscalationDelay.toSeconds() + " s)");
		}
		this.counts.put("records on recourse.cases", records[0]);
		this.counts.put("cases routed (distinct events)", routings.values().stream().mapToLong(Set::size).sum());
		this.counts.put("escalations (distinct events)", escalations.values().stream().mapToLong(Set::size).sum());
		routings.forEach((reportId, events) -> {
			if (events.size() > 1) {
				problem("report " + reportId + " routed " + events.size() + " times (DUPLICATE)");
			}
		});
		reports.keySet()
			.stream()
			.filter((reportId) -> !routings.containsKey(reportId))
			.forEach((reportId) -> problem("no case-routed event for report " + reportId));
		escalations.forEach((breach, events) -> {
			if (events.size() > 1) {
				problem("case " + breach + " escalated " + events.size() + " times for the same breach (DUPLICATE)");
			}
		});
	}

	private void plumbing(StackInspector stack, List<String> expectedDeadLetters) {
		stack.outboxesLeft()
			.forEach((collection,
					count) -> problem(count + " documents of " + collection + " still hold outbox events"));
		stack.lagByGroup().forEach((group, lag) -> {
			if (lag != 0) {
				problem("consumer group " + group + " is " + lag + " records behind");
			}
		});
		this.counts.put("dead letters", (long) this.deadLetters.size());
		for (String letter : this.deadLetters) {
			if (letter.endsWith("NO REASON")) {
				problem("dead letter without a reason: " + letter);
			}
			else if (expectedDeadLetters.stream().noneMatch(letter::contains)) {
				problem("unexpected dead letter: " + letter);
			}
		}
	}

	private void problem(String problem) {
		this.problems.add(problem);
	}

	List<String> problems() {
		return List.copyOf(this.problems);
	}

	long count(String name) {
		return this.counts.getOrDefault(name, 0L);
	}

	/**
	 * Counts, dead letters grouped by reason, and the problems found (at most 50 shown).
	 */
	String summary() {
		StringBuilder text = new StringBuilder();
		this.counts.forEach((name, value) -> text.append(String.format("  %-62s %,10d%n", name, value)));
		this.notes.forEach((note) -> text.append("  ").append(note).append('\n'));
		this.deadLetters.stream()
			.collect(Collectors.groupingBy(Function.identity(), TreeMap::new, Collectors.counting()))
			.forEach((letter,
					count) -> text.append("  dead letter × ").append(count).append(": ").append(letter).append('\n'));
		text.append("  problems found: ").append(this.problems.size()).append('\n');
		this.problems.stream().limit(50).forEach((problem) -> text.append("    - ").append(problem).append('\n'));
		return text.toString();
	}

}
