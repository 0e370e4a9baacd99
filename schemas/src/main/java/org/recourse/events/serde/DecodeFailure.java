package org.recourse.events.serde;

import java.io.EOFException;
import java.util.UUID;

import org.apache.avro.AvroTypeException;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageDecoder;

/**
 * Says why a record with a known fingerprint could not be decoded, in words an operator
 * can act on and without quoting the record: which field holds a value its logical type
 * refuses, a length beyond what any record can hold, a body that ends early.
 */
final class DecodeFailure {

	private DecodeFailure() {
	}

	static String describe(Exception failure, Schema schema, byte[] data, EventCatalog catalog) {
		if (has(failure, SystemLimitException.class) || has(failure, UnsupportedOperationException.class)) {
			return "a length field claims more bytes than any record may hold";
		}
		if (has(failure, EOFException.class)) {
			return "the body ends early (truncated, or a length field larger than the record)";
		}
		if (has(failure, AvroTypeException.class)) {
			return "a value does not fit its type (such as an enum index out of range)";
		}
		if (has(failure, IllegalArgumentException.class)) {
			String field = fieldRefusedByItsLogicalType(schema, data, catalog);
			if (field != null) {
				return "field " + field + " is not a valid " + logicalTypeOf(schema.getField(field).schema()).getName();
			}
		}
		return "malformed body (" + failure.getClass().getSimpleName() + ")";
	}

	/**
	 * Decodes the record again without logical-type conversions and tries each uuid field
	 * on its own: the first that is no UUID is the culprit.
	 */
	private static String fieldRefusedByItsLogicalType(Schema schema, byte[] data, EventCatalog catalog) {
		GenericRecord raw;
		try {
			raw = new BinaryMessageDecoder<GenericRecord>(new GenericData(), schema, catalog.schemaStore())
				.decode(data);
		}
		catch (Exception ex) {
			return null;
		}
		for (Schema.Field field : schema.getFields()) {
			Object value = raw.get(field.pos());
			if (value != null && logicalTypeOf(field.schema()) instanceof LogicalTypes.Uuid && !isUuid(value)) {
				return field.name();
			}
		}
		return null;
	}

	private static boolean isUuid(Object value) {
		try {
			UUID.fromString(value.toString());
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static LogicalType logicalTypeOf(Schema schema) {
		if (schema.isUnion()) {
			return schema.getTypes()
				.stream()
				.map(Schema::getLogicalType)
				.filter((type) -> type != null)
				.findFirst()
				.orElse(null);
		}
		return schema.getLogicalType();
	}

	private static boolean has(Throwable failure, Class<? extends Throwable> type) {
		Throwable cause = failure;
		for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

}
