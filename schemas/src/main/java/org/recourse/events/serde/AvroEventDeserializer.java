package org.recourse.events.serde;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a single-object encoded event into the current generated class of its record,
 * whichever known version wrote it. Anything else (garbage bytes, a fingerprint no
 * catalog version has, a truncated body, a value its logical type refuses) is an
 * {@link UnreadableEventException} saying why, so Spring Kafka's error-handling
 * deserializer routes it to the dead-letter topic instead of stopping the listener.
 */
public class AvroEventDeserializer implements Deserializer<SpecificRecord> {

	private static final int HEADER_LENGTH = 10;

	private final EventCatalog catalog;

	private final Map<Class<? extends SpecificRecord>, BinaryMessageDecoder<SpecificRecord>> decoders = new ConcurrentHashMap<>();

	public AvroEventDeserializer() {
		this(EventCatalog.get());
	}

	AvroEventDeserializer(EventCatalog catalog) {
		this.catalog = catalog;
	}

	@Override
	public SpecificRecord deserialize(String topic, byte[] data) {
		if (data == null) {
			return null;
		}
		Class<? extends SpecificRecord> type = typeOf(data);
		try {
			return this.decoders.computeIfAbsent(type, this::decoderFor).decode(data);
		}
		catch (Exception ex) {
			throw new UnreadableEventException(type.getSimpleName() + " cannot be decoded: "
					+ DecodeFailure.describe(ex, EventCatalog.currentSchema(type), data, this.catalog));
		}
	}

	private Class<? extends SpecificRecord> typeOf(byte[] data) {
		if (data.length < HEADER_LENGTH || data[0] != (byte) 0xC3 || data[1] != (byte) 0x01) {
			throw new UnreadableEventException("Not an Avro single-object encoded record (bad header)");
		}
		long fingerprint = ByteBuffer.wrap(data, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
		Class<? extends SpecificRecord> type = this.catalog.typeOf(fingerprint);
		if (type == null) {
			throw new UnreadableEventException(String.format("Unknown schema fingerprint 0x%016x", fingerprint));
		}
		return type;
	}

	private BinaryMessageDecoder<SpecificRecord> decoderFor(Class<? extends SpecificRecord> type) {
		return new BinaryMessageDecoder<>(SpecificData.getForClass(type), EventCatalog.currentSchema(type),
				this.catalog.schemaStore());
	}

}
