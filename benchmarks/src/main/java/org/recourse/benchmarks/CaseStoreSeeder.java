package org.recourse.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.bson.Document;
import org.recourse.triage.cases.Case;
import org.recourse.triage.cases.CaseResolution;
import org.recourse.triage.cases.Queue;
import org.recourse.triage.cases.ReportDetails;
import org.recourse.triage.sla.BusinessCalendar;
import org.recourse.triage.sla.CalendarSnapshot;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaPolicy;

import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * Makes the cases of the history benchmark with triage's own domain code (so they have
 * the shape and size real ones have): closed cases, acknowledged, resolved and closed
 * after the contest window, for the archive; and open ones, spread over {@code owners}
 * owners, none due for days, for the working collection. Hands them over in batches as
 * stored documents.
 */
final class CaseStoreSeeder {

	static final int BATCH = 1000;

	private static final BusinessCalendar CALENDAR = BusinessCalendar.officeHours(ZoneId.of("Europe/Berlin"));

	private static final String[] SYSTEMS = { "hr-assistant", "support-chatbot", "code-copilot" };

	private final MongoConverter converter;

	private final Instant now;

	private final int owners;

	private final Random random = new Random(42);

	private long sequence = System.currentTimeMillis() << 16;

	CaseStoreSeeder(MongoConverter converter, Instant now, int owners) {
		this.converter = converter;
		this.now = now;
		this.owners = owners;
	}

	static String owner(int index) {
		return "owner-" + index;
	}

	void closed(int count, Consumer<List<Document>> store) {
		batches(count, store, () -> {
			Instant openedAt = this.now.minus(Duration.ofDays(20 + this.random.nextInt(700)))
				.minusSeconds(this.random.nextInt(86_400));
			Case found = opened(openedAt, Severity.values()[this.random.nextInt(Severity.values().length)]);
			found.acknowledge(found.getOwnerId(), openedAt.plus(Duration.ofHours(2)));
			found.recordProgress(found.getOwnerId(), "Looked into it with the vendor.",
					openedAt.plus(Duration.ofHours(5)));
			Instant resolvedAt = openedAt.plus(Duration.ofDays(2));
			found.resolve(found.getOwnerId(),
					new CaseResolution(CaseResolution.Verdict.MOSTLY_CORRECT, CaseResolution.HarmConfirmed.NO,
							"prompt ambiguity", CaseResolution.Resolution.MITIGATED, null,
							"We clarified the instructions the assistant works from; thank you for the report."),
					resolvedAt);
			found.closeIfDue(resolvedAt.plus(Case.CLOSE_AFTER));
			return found;
		});
	}

	void open(int count, Consumer<List<Document>> store) {
		batches(count, store, () -> {
			Instant openedAt = this.now.minusSeconds(this.random.nextInt(3_600));
			Case found = opened(openedAt, this.random.nextBoolean() ? Severity.LOW : Severity.MEDIUM);
			if (this.random.nextBoolean()) {
				found.acknowledge(found.getOwnerId(), openedAt.plusSeconds(60));
			}
			return found;
		});
	}

	private void batches(int count, Consumer<List<Document>> store, Supplier<Case> next) {
		List<Document> batch = new ArrayList<>(BATCH);
		for (int i = 0; i < count; i++) {
			batch.add(document(next.get()));
			if (batch.size() == BATCH) {
				store.accept(batch);
				batch = new ArrayList<>(BATCH);
			}
		}
		if (!batch.isEmpty()) {
			store.accept(batch);
		}
	}

	private Case opened(Instant openedAt, Severity severity) {
		String system = SYSTEMS[this.random.nextInt(SYSTEMS.length)];
		SlaPolicy.Deadlines deadlines = SlaPolicy.standard().deadlines(openedAt, severity, false, CALENDAR);
		Case found = new Case(UUID.randomUUID().toString(), UUID.randomUUID().toString(), UUID.randomUUID().toString(),
				Queue.OWNER, owner(this.random.nextInt(this.owners)), severity,
				new ReportDetails(system, null, "WRONG_OUTPUT", null,
						"The assistant said the policy allows 40 days of leave carried over; it allows 10.",
						"The figure is wrong and people planned their year on it.", "10 days", openedAt, null,
						openedAt),
				openedAt, deadlines.acknowledgeBy(), deadlines.resolveBy(),
				SlaPolicy.standard().targetFor(severity, false), CalendarSnapshot.of(CALENDAR));
		found.snapshotEscalationChain(List.of(found.getOwnerId(), "deputy", "compliance"));
		return found;
	}

	/**
	 * Random UUIDs whose text rises with each case: the embedded store's unique indexes
	 * then grow at their end instead of rewriting pages all over (seeding speed only).
	 */
	private String nextId() {
		return new UUID(this.sequence++, this.random.nextLong()).toString();
	}

	private Document document(Case found) {
		Document stored = new Document();
		this.converter.write(found, stored);
		stored.put("version", 0L);
		return stored;
	}

	/**
	 * The document as the embedded store keeps it (its own document type, instants for
	 * dates).
	 */
	static de.bwaldvogel.mongo.bson.Document embedded(Map<String, Object> document) {
		de.bwaldvogel.mongo.bson.Document converted = new de.bwaldvogel.mongo.bson.Document();
		document.forEach((key, value) -> converted.put(key, embeddedValue(value)));
		return converted;
	}

	@SuppressWarnings("unchecked")
	private static Object embeddedValue(Object value) {
		if (value instanceof Map<?, ?> map) {
			return embedded((Map<String, Object>) map);
		}
		if (value instanceof List<?> list) {
			return list.stream().map(CaseStoreSeeder::embeddedValue).collect(Collectors.toCollection(ArrayList::new));
		}
		if (value instanceof Date date) {
			return date.toInstant();
		}
		return value;
	}

}
