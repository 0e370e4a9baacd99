package org.recourse.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import de.bwaldvogel.mongo.bson.Document;

/**
 * What the store spends its time on, by command shape, for finding the queries that read
 * whole collections: each command is counted under its database, name, collection and the
 * field names (with operators) of its filter, never its values, and {@link #print} lists
 * the shapes that took the most time since the last print. Off unless
 * {@code RECOURSE_STORE_STATS} names a print interval in seconds; diagnostics only.
 */
final class StoreStats {

	private static final int SHOWN = 20;

	/** A path segment that is a UUID. */
	private static final Pattern ID_SEGMENT = Pattern
		.compile("(?<=^|\\.)\\p{XDigit}{8}(-\\p{XDigit}{4}){3}-\\p{XDigit}{12}(?=$|\\.)");

	private final Map<String, Totals> shapes = new ConcurrentHashMap<>();

	/** Counts one command that took {@code nanos}. */
	void record(String database, String command, Document query, long nanos) {
		this.shapes.computeIfAbsent(shape(database, command, query), (key) -> new Totals()).add(nanos);
	}

	/**
	 * Prints the shapes that took the most time since the last print, and forgets them.
	 */
	void print(PrintStream out, Duration interval) {
		List<Map.Entry<String, long[]>> taken = new ArrayList<>();
		this.shapes.forEach((shape, totals) -> {
			long[] sums = totals.takeAndReset();
			if (sums[0] > 0) {
				taken.add(Map.entry(shape, sums));
			}
			else {
				// not seen since the last print: forgotten (counted afresh if it comes
				// back)
				this.shapes.remove(shape, totals);
			}
		});
		taken.sort(Comparator.comparingLong((Map.Entry<String, long[]> entry) -> entry.getValue()[1]).reversed());
		long all = taken.stream().mapToLong((entry) -> entry.getValue()[1]).sum();
		out.printf(Locale.ROOT, "Store: %.1f s of command time in the last %d s, by command shape:%n", all / 1e9,
				interval.toSeconds());
		taken.stream()
			.limit(SHOWN)
			.forEach((entry) -> out.printf(Locale.ROOT, "  %8d x %8.2f ms = %7.2f s  %s%n", entry.getValue()[0],
					entry.getValue()[1] / 1e6 / entry.getValue()[0], entry.getValue()[1] / 1e9, entry.getKey()));
	}

	/**
	 * {@code database command collection {field, field: {$op}}}: the filter of a find,
	 * count, delete, update or findAndModify (the first of a batch), the first stage of
	 * an aggregation (its {@code $match}'s filter).
	 */
	static String shape(String database, String command, Document query) {
		Object collection = query.get(command);
		Object filter = query.get("filter");
		if (filter == null) {
			filter = query.get("query");
		}
		Object first = firstOf(query.get("updates"));
		if (first == null) {
			first = firstOf(query.get("deletes"));
		}
		if (filter == null && first instanceof Document batch) {
			filter = batch.get("q");
		}
		Object stage = firstOf(query.get("pipeline"));
		if (filter == null && stage instanceof Document pipeline) {
			filter = (pipeline.get("$match") instanceof Document match) ? match : pipeline;
		}
		return database + " " + command + " " + ((collection instanceof String) ? collection : "")
				+ ((filter instanceof Document fields) ? " " + fields(fields) : "");
	}

	private static Object firstOf(Object list) {
		return (list instanceof List<?> items && !items.isEmpty()) ? items.get(0) : null;
	}

	private static String fields(Document filter) {
		TreeSet<String> names = new TreeSet<>();
		filter.forEach((path, value) -> {
			// a field named by an id (entries.<caseId>.version) is one shape, not one per
			// id
			String name = ID_SEGMENT.matcher(path).replaceAll("*");
			boolean operators = value instanceof Document document && !document.isEmpty()
					&& document.keySet().iterator().next().startsWith("$");
			names.add(operators ? name + ": " + new TreeSet<>(((Document) value).keySet()) : name);
		});
		return names.toString().replace('[', '{').replace(']', '}');
	}

	private static final class Totals {

		private final LongAdder count = new LongAdder();

		private final LongAdder nanos = new LongAdder();

		void add(long nanos) {
			this.count.increment();
			this.nanos.add(nanos);
		}

		long[] takeAndReset() {
			return new long[] { this.count.sumThenReset(), this.nanos.sumThenReset() };
		}

	}

}
