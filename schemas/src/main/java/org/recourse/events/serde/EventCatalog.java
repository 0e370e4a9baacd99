package org.recourse.events.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.recourse.events.CaseAcknowledged;
import org.recourse.events.CaseClosed;
import org.recourse.events.CaseDeescalated;
import org.recourse.events.CaseEscalated;
import org.recourse.events.CaseReassigned;
import org.recourse.events.CaseReopened;
import org.recourse.events.CaseResolved;
import org.recourse.events.CaseRouted;
import org.recourse.events.DeliveryOutcome;
import org.recourse.events.InformationRequested;
import org.recourse.events.OutcomeContested;
import org.recourse.events.RegulatoryReportFiled;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.ReporterAnswerReceived;
import org.recourse.events.ReporterContactRegistered;
import org.recourse.events.ReporterReplied;
import org.recourse.events.ReporterUpdate;
import org.recourse.events.SeriousIncidentFlagged;
import org.recourse.events.SlaWarning;

/**
 * Every event record the platform knows, with every frozen version of its schema. A
 * consumer reads a record written with any version listed here, because the single-object
 * encoding names the writer's schema by its fingerprint and the catalog can resolve that
 * fingerprint to both a writer schema and the current class.
 */
public final class EventCatalog {

	/**
	 * The longest string or bytes value a record may claim (1 MiB, Kafka's default record
	 * size limit). Avro allocates a value's buffer from its length field before reading
	 * it, so without a limit a 15-byte record claiming a 1 GiB string costs 1 GiB of
	 * heap. Avro reads its limits from system properties when it first decodes; they are
	 * set here, before that, unless the operator set them.
	 */
	static final int MAX_VALUE_LENGTH = 1024 * 1024;

	static {
		System.getProperties().putIfAbsent("org.apache.avro.limits.string.maxLength", String.valueOf(MAX_VALUE_LENGTH));
		System.getProperties().putIfAbsent("org.apache.avro.limits.bytes.maxLength", String.valueOf(MAX_VALUE_LENGTH));
	}

	static final String HISTORY_ROOT = "avro-history/";

	private static final List<Class<? extends SpecificRecord>> EVENTS = List.of(ReportSubmitted.class,
			ReporterContactRegistered.class, ReporterReplied.class, OutcomeContested.class, CaseRouted.class,
			CaseAcknowledged.class, InformationRequested.class, ReporterAnswerReceived.class, CaseReassigned.class,
			CaseResolved.class, CaseReopened.class, SlaWarning.class, CaseEscalated.class, CaseDeescalated.class,
			CaseClosed.class, SeriousIncidentFlagged.class, RegulatoryReportFiled.class, ReporterUpdate.class,
			DeliveryOutcome.class);

	private static final EventCatalog INSTANCE = new EventCatalog();

	static {
		ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
				(type) -> type.getName().startsWith("org.recourse.events.")));
	}

	private final Map<Long, Class<? extends SpecificRecord>> classByFingerprint = new HashMap<>();

	private final SchemaStore.Cache schemas = new SchemaStore.Cache();

	private EventCatalog() {
		this(EVENTS, EventCatalog::frozenSchemas);
	}

	EventCatalog(List<Class<? extends SpecificRecord>> types, Function<String, List<Schema>> history) {
		for (Class<? extends SpecificRecord> type : types) {
			Schema current = currentSchema(type);
			register(type, current);
			history.apply(current.getName()).forEach((frozen) -> register(type, frozen));
		}
	}

	public static EventCatalog get() {
		return INSTANCE;
	}

	public static List<Class<? extends SpecificRecord>> eventTypes() {
		return EVENTS;
	}

	/**
	 * The released versions of a record, oldest first, read from
	 * {@code avro-history/<name>/v1.avsc}, {@code v2.avsc}, … until the first missing
	 * number.
	 */
	public static List<Schema> frozenSchemas(String recordName) {
		List<Schema> frozen = new ArrayList<>();
		for (int version = 1;; version++) {
			String path = HISTORY_ROOT + recordName + "/v" + version + ".avsc";
			try (InputStream in = EventCatalog.class.getClassLoader().getResourceAsStream(path)) {
				if (in == null) {
					return Collections.unmodifiableList(frozen);
				}
				frozen.add(new Schema.Parser().parse(in));
			}
			catch (IOException ex) {
				throw new UncheckedIOException("Cannot read frozen schema " + path, ex);
			}
		}
	}

	static Schema currentSchema(Class<? extends SpecificRecord> type) {
		try {
			return (Schema) type.getField("SCHEMA$").get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(type + " is not a generated Avro record", ex);
		}
	}

	Class<? extends SpecificRecord> typeOf(long fingerprint) {
		return this.classByFingerprint.get(fingerprint);
	}

	SchemaStore schemaStore() {
		return this.schemas;
	}

	private void register(Class<? extends SpecificRecord> type, Schema schema) {
		this.classByFingerprint.put(SchemaNormalization.parsingFingerprint64(schema), type);
		this.schemas.addSchema(schema);
	}

}
