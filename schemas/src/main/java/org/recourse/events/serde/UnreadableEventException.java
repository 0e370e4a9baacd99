package org.recourse.events.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record that is no event the catalog can read. The message names what is wrong in
 * terms of the encoding (header, schema fingerprint, field, length) and never quotes the
 * record's bytes or values, so it can go into a dead-letter header and a log line as it
 * is. The decoder's own exception is deliberately not kept as the cause: its message may
 * quote the value it choked on (Avro's uuid conversion does).
 */
public class UnreadableEventException extends SerializationException {

	public UnreadableEventException(String message) {
		super(message);
	}

}
