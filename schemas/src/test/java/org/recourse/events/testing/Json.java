package org.recourse.events.testing;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes JSON by hand, so tests can send what no well-behaved library would: lone
 * surrogates as escapes, any value type in any field, nesting of any depth.
 */
public final class Json {

	private Json() {
	}

	public static String of(Object value) {
		if (value == null) {
			return "null";
		}
		if (value instanceof String text) {
			return string(text);
		}
		if (value instanceof Map<?, ?> map) {
			return map.entrySet()
				.stream()
				.map((entry) -> string(String.valueOf(entry.getKey())) + ":" + of(entry.getValue()))
				.collect(Collectors.joining(",", "{", "}"));
		}
		if (value instanceof List<?> list) {
			return list.stream().map(Json::of).collect(Collectors.joining(",", "[", "]"));
		}
		return String.valueOf(value);
	}

	public static String string(String text) {
		StringBuilder out = new StringBuilder("\"");
		for (char c : text.toCharArray()) {
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20 || Character.isSurrogate(c)) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

	public static String nested(int depth) {
		return "[".repeat(depth) + "]".repeat(depth);
	}

}
