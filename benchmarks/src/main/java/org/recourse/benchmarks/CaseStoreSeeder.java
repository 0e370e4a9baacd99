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
import org.recourse.triage.cases.ReporterMessage;
import org.recourse.triage.sla.BusinessCalendar;
import org.recourse.triage.sla.CalendarSnapshot;
import org.recourse.triage.sla.Severity;
import org.recourse.triage.sla.SlaPolicy;

import org.springframework.data.mongodb.core.convert.MongoConverter;

/**
 * Makes the cases of the history benchmark with triage's own domain code (so they have
 * the shape and size real ones have): closed cases for the archive, each routed,
 * acknowledged, worked (one in five after a question the reporter answered), resolved
 * with a verdict and closed after the contest window; and open ones for the working
 * collection, spread over {@code owners} owners, none due for days. Hands them over in
 * batches as stored documents.
 *
 * <p>
 * Ids: case ids and report ids are random version-4 UUIDs as triage makes them, but drawn
 * so that each collection's keys rise in the order the cases are made (the {@code k}-th
 * of {@code n} is a random UUID from the {@code k}-th of {@code n} equal slices of the
 * UUID space). The set of keys is as random as before; only the insertion order follows
 * the key order, which lets the embedded store's B-trees grow at their right edge instead
 * of rewriting a 16 KB leaf page somewhere in the file for every 3 KB document (which
 * made the first seeder write ~17 KB per case at 130–820 cases/s). Real archives grow by
 * a few hundred cases a day, where that write amplification does not matter.
 */
final class CaseStoreSeeder {

	static final int BATCH = 1000;

	private static final BusinessCalendar CALENDAR = BusinessCalendar.officeHours(ZoneId.of("Europe/Berlin"));

	private static final String[] SYSTEMS = { "hr-assistant", "support-chatbot", "code-copilot" };

	private static final String[] ROOT_CAUSES = { "Training data", "Prompt or configuration", "Retrieval source",
			"Model limitation", "Integration bug" };

	private final MongoConverter converter;

	private final Instant now;

	private final int owners;

	private final Random random = new Random(42);

	private RisingIds caseIds;

	private RisingIds reportIds;

	CaseStoreSeeder(MongoConverter converter, Instant now, int owners) {
		this.converter = converter;
		this.now = now;
		this.owners = owners;
	}

	static String owner(int index) {
		return "owner-" + index;
	}

	/**
	 * {@code count} closed cases; every {@code sampleEvery}-th report id goes to
	 * {@code sample} (look-ups spread over the whole archive).
	 */
	void closed(int count, Consumer<List<Document>> store, int sampleEvery, Consumer<String> sample) {
		ids(count);
		int[] made = { 0 };
		batches(count, store, () -> {
			Case found = closedCase();
			if (made[0]++ % sampleEvery == 0) {
				sample.accept(found.getReportId());
			}
			return found;
		});
	}

	void open(int count, Consumer<List<Document>> store) {
		ids(count);
		batches(count, store, () -> {
			Instant openedAt = this.now.minusSeconds(this.random.nextInt(3_600));
			Case found = opened(openedAt, this.random.nextBoolean() ? Severity.LOW : Severity.MEDIUM);
			if (this.random.nextBoolean()) {
				found.acknowledge(found.getOwnerId(), openedAt.plusSeconds(60));
			}
			return found;
		});
	}

	private Case closedCase() {
		Instant openedAt = this.now.minus(Duration.ofDays(20 + this.random.nextInt(700)))
			.minusSeconds(this.random.nextInt(86_400));
		Case found = opened(openedAt, Severity.values()[this.random.nextInt(Severity.values().length)]);
		String owner = found.getOwnerId();
		found.acknowledge(owner, openedAt.plus(Duration.ofHours(2)));
		if (this.random.nextInt(5) == 0) {
			Instant asked = openedAt.plus(Duration.ofHours(3));
			found.ask(owner, "Which version of the policy document were you looking at, and where?", asked);
			Instant answered = asked.plus(Duration.ofHours(20));
			found.reporterWrote(new ReporterMessage(UUID.randomUUID().toString(), answered, ReporterMessage.Kind.REPLY,
					"The one linked from the leave page of the intranet, last week."), answered);
		}
		found.recordProgress(owner, "Looked into it with the vendor.", openedAt.plus(Duration.ofDays(1)));
		Instant resolvedAt = openedAt.plus(Duration.ofDays(2));
		CaseResolution.Verdict verdict = CaseResolution.Verdict.values()[this.random
			.nextInt(CaseResolution.Verdict.values().length)];
		found.resolve(owner,
				new CaseResolution(verdict, CaseResolution.HarmConfirmed.NO,
						ROOT_CAUSES[this.random.nextInt(ROOT_CAUSES.length)], CaseResolution.Resolution.MITIGATED, null,
						"We clarified the instructions the assistant works from; thank you for the report."),
				resolvedAt);
		found.closeIfDue(resolvedAt.plus(Case.CLOSE_AFTER));
		return found;
	}

	private void ids(int count) {
		this.caseIds = new RisingIds(count, this.random);
		this.reportIds = new RisingIds(count, this.random);
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
		Case found = new Case(this.caseIds.next(), this.reportIds.next(), UUID.randomUUID().toString(), Queue.OWNER,
				owner(this.random.nextInt(this.owners)), severity,
				new ReportDetails(system, null, "WRONG_OUTPUT", null,
						"The assistant said the policy allows 40 days of leave carried over; it allows 10.",
						"The figure is wrong and people planned their year on it.", "10 days", openedAt, null,
						openedAt),
				openedAt, deadlines.acknowledgeBy(), deadlines.resolveBy(),
				SlaPolicy.standard().targetFor(severity, false), CalendarSnapshot.of(CALENDAR));
		found.snapshotEscalationChain(List.of(found.getOwnerId(), "deputy", "compliance"));
		return found;
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

	/**
	 * Random version-4 UUIDs whose text rises: the {@code k}-th of {@code n} lies in the
	 * {@code k}-th of {@code n} equal slices of the space of the first 64 bits (random
	 * within it), the other 64 bits are random. Hex digits sort as the numbers do, so the
	 * strings rise too.
	 */
	static final class RisingIds {

		private final long slice;

		private final Random random;

		private long issued;

		RisingIds(long count, Random random) {
			this.slice = Long.divideUnsigned(-1L, Math.max(1, count));
			this.random = random;
		}

		String next() {
			long high = this.issued++ * this.slice + (long) (this.random.nextDouble() * this.slice);
			high = (high & ~0xF000L) | 0x4000L;
			long low = (this.random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
			return new UUID(high, low).toString();
		}

	}

}
