package org.recourse.events.serde;

import java.util.List;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.recourse.events.EventMother;
import org.recourse.events.ReportSubmitted;
import org.recourse.events.testing.PoisonRecords;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvroEventSerdeTests {

	private final AvroEventSerializer serializer = new AvroEventSerializer();

	private final AvroEventDeserializer deserializer = new AvroEventDeserializer();

	@Test
	void roundTripsAnEventWithItsSchemaFingerprint() {
		ReportSubmitted event = EventMother.reportSubmitted();
		byte[] bytes = this.serializer.serialize("t", event);

		assertThat(bytes[0]).isEqualTo((byte) 0xC3);
		assertThat(bytes[1]).isEqualTo((byte) 0x01);
		assertThat(this.deserializer.deserialize("t", bytes)).isEqualTo(event);
	}

	@Test
	void readsARecordWrittenWithAnOlderKnownVersion() {
		Schema older = withoutField(ReportSubmitted.getClassSchema(), "evidenceUrl");
		AvroEventDeserializer knowsOlder = new AvroEventDeserializer(
				new EventCatalog(List.of(ReportSubmitted.class), (name) -> List.of(older)));
		GenericRecord written = new GenericData.Record(older);
		ReportSubmitted template = EventMother.reportSubmitted();
		older.getFields()
			.forEach((field) -> written.put(field.name(), genericValue(field.schema(), template.get(field.name()))));

		ReportSubmitted read = (ReportSubmitted) knowsOlder.deserialize("t", PoisonRecords.written(older, written));

		assertThat(read.getReportId()).isEqualTo(template.getReportId());
		assertThat(read.getAiOutput()).isEqualTo(template.getAiOutput());
		assertThat(read.getEvidenceUrl()).isNull();
	}

	@Test
	void rejectsBytesThatAreNotSingleObjectEncoded() {
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", "garbage bytes".getBytes()))
			.withMessageContaining("bad header");
	}

	@Test
	void rejectsAnUnknownSchemaFingerprint() {
		byte[] bytes = this.serializer.serialize("t", EventMother.reportSubmitted());
		bytes[5] ^= 0x5A;
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", bytes))
			.withMessageContaining("Unknown schema fingerprint");
	}

	@Test
	void rejectsATruncatedBody() {
		byte[] bytes = this.serializer.serialize("t", EventMother.reportSubmitted());
		byte[] truncated = java.util.Arrays.copyOf(bytes, 14);
		assertThatExceptionOfType(SerializationException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", truncated))
			.withMessage("ReportSubmitted cannot be decoded: "
					+ "the body ends early (truncated, or a length field larger than the record)");
	}

	@Test
	void namesTheFieldWhoseUuidIsNoUuidWithoutQuotingTheValue() {
		byte[] bytes = PoisonRecords.impossible(EventMother.reportSubmitted(),
				(record) -> record.put("reportId", "../../secret-value"));

		assertThatExceptionOfType(UnreadableEventException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", bytes))
			.withMessage("ReportSubmitted cannot be decoded: field reportId is not a valid uuid")
			.withNoCause();
	}

	@Test
	void refusesAnEnumIndexBeyondItsSymbols() {
		byte[] bytes = PoisonRecords.unknownEnumIndex(EventMother.reportSubmitted());

		assertThatExceptionOfType(UnreadableEventException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", bytes))
			.withMessageContaining("a value does not fit its type");
	}

	/**
	 * Avro allocates a string's buffer from its length field: without the limit the
	 * catalog sets, this 100-byte record would cost 1 GiB of heap before failing.
	 */
	@Test
	void refusesALengthNoRecordCanHoldBeforeAllocatingIt() {
		byte[] bytes = PoisonRecords.claimingHugeText(EventMother.reportSubmitted());

		assertThat(bytes).hasSizeLessThan(1000);
		assertThatExceptionOfType(UnreadableEventException.class)
			.isThrownBy(() -> this.deserializer.deserialize("t", bytes))
			.withMessage(
					"ReportSubmitted cannot be decoded: a length field claims more bytes than any record may hold");
	}

	private static Object genericValue(Schema schema, Object value) {
		if (value instanceof UUID uuid) {
			return uuid.toString();
		}
		if (value instanceof java.time.Instant instant) {
			return instant.toEpochMilli();
		}
		if (value instanceof Enum<?> symbol) {
			Schema enumSchema = schema.isUnion() ? schema.getTypes()
				.stream()
				.filter((branch) -> branch.getType() == Schema.Type.ENUM)
				.findFirst()
				.orElseThrow() : schema;
			return new GenericData.EnumSymbol(enumSchema, symbol.name());
		}
		return value;
	}

	private static Schema withoutField(Schema schema, String dropped) {
		List<Schema.Field> fields = schema.getFields()
			.stream()
			.filter((field) -> !field.name().equals(dropped))
			.map((field) -> new Schema.Field(field, field.schema()))
			.toList();
		return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
	}

}
