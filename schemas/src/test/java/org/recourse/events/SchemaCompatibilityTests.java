package org.recourse.events;

import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.recourse.events.serde.EventCatalog;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every released schema stays readable by the current code and every current record stays
 * readable by code built against any released schema, so services can be upgraded one at
 * a time.
 */
class SchemaCompatibilityTests {

	static Stream<Arguments> frozenVersions() {
		return EventCatalog.eventTypes().stream().flatMap((type) -> {
			List<Schema> frozen = EventCatalog.frozenSchemas(current(type).getName());
			return java.util.stream.IntStream.range(0, frozen.size())
				.mapToObj((i) -> Arguments.of(type.getSimpleName() + " v" + (i + 1), current(type), frozen.get(i)));
		});
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("frozenVersions")
	void currentSchemaReadsEveryFrozenVersion(String version, Schema current, Schema frozen) {
		assertCompatible(current, frozen);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("frozenVersions")
	void everyFrozenVersionReadsCurrentSchema(String version, Schema current, Schema frozen) {
		assertCompatible(frozen, current);
	}

	@Test
	void everyEventHasBeenFrozenAndTheNewestFrozenVersionIsTheCurrentOne() {
		for (Class<? extends SpecificRecord> type : EventCatalog.eventTypes()) {
			List<Schema> frozen = EventCatalog.frozenSchemas(current(type).getName());
			assertThat(frozen).as("frozen versions of %s", type.getSimpleName()).isNotEmpty();
			assertThat(SchemaNormalization.parsingFingerprint64(frozen.get(frozen.size() - 1)))
				.as("%s changed since its last frozen version: freeze it as v%d.avsc", type.getSimpleName(),
						frozen.size() + 1)
				.isEqualTo(SchemaNormalization.parsingFingerprint64(current(type)));
		}
	}

	@Test
	void detectsAnIncompatibleChange() {
		Schema v1 = record("{\"name\":\"a\",\"type\":\"string\"}");
		Schema addedWithoutDefault = record("{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"int\"}");
		assertThat(compatibility(addedWithoutDefault, v1)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
	}

	private static void assertCompatible(Schema reader, Schema writer) {
		assertThat(compatibility(reader, writer))
			.as(() -> SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getResult().toString())
			.isEqualTo(SchemaCompatibilityType.COMPATIBLE);
	}

	private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
		return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
	}

	private static Schema record(String fields) {
		return new Schema.Parser().parse("{\"type\":\"record\",\"name\":\"R\",\"fields\":[" + fields + "]}");
	}

	private static Schema current(Class<? extends SpecificRecord> type) {
		try {
			return (Schema) type.getField("SCHEMA$").get(null);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
