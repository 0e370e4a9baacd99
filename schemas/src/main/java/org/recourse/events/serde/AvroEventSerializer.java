package org.recourse.events.serde;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes any event as Avro single-object encoding: a two-byte marker, the 8-byte
 * fingerprint of the writer's schema, then the binary record. No registry is needed to
 * read it back, only the schema that fingerprint names.
 */
public class AvroEventSerializer implements Serializer<Object> {

	private final Map<Schema, BinaryMessageEncoder<SpecificRecord>> encoders = new ConcurrentHashMap<>();

	static {
		EventCatalog.get();
	}

	@Override
	public byte[] serialize(String topic, Object value) {
		if (value == null || value instanceof byte[]) {
			return (byte[]) value;
		}
		if (!(value instanceof SpecificRecord event)) {
			throw new SerializationException("Not an event record: " + value.getClass().getName());
		}
		try {
			ByteBuffer buffer = this.encoders.computeIfAbsent(event.getSchema(), AvroEventSerializer::encoderFor)
				.encode(event);
			byte[] bytes = new byte[buffer.remaining()];
			buffer.get(bytes);
			return bytes;
		}
		catch (Exception ex) {
			throw new SerializationException("Cannot encode " + event.getSchema().getFullName(), ex);
		}
	}

	private static BinaryMessageEncoder<SpecificRecord> encoderFor(Schema schema) {
		return new BinaryMessageEncoder<>(SpecificData.getForSchema(schema), schema);
	}

}
