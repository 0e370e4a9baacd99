package org.recourse.events.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * The hand-written corpus in {@code hostile/naughty-strings.txt} (markup, template and
 * query injection, control and invisible characters, lone surrogates, right-to-left
 * overrides, CR/LF), and arbitraries that mix it with generated text.
 */
public final class NaughtyStrings {

	/** What every template expression in the corpus would evaluate to. */
	public static final String EVALUATED = String.valueOf(1337 * 1337);

	public static final List<String> ALL = load();

	private NaughtyStrings() {
	}

	/** A corpus entry, generated text of any code point, or an entry inside text. */
	public static Arbitrary<String> any() {
		Arbitrary<String> corpus = Arbitraries.of(ALL);
		Arbitrary<String> generated = Arbitraries.strings().all().ofMaxLength(300);
		return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, corpus), net.jqwik.api.Tuple.of(2, generated),
				net.jqwik.api.Tuple.of(1,
						net.jqwik.api.Combinators.combine(generated, corpus, generated).as((a, b, c) -> a + b + c)));
	}

	/**
	 * True when a string is long enough to be told apart from the page around it and
	 * holds a character HTML escaping must change: such a string never appears verbatim
	 * in a page that escapes it.
	 */
	public static boolean needsEscaping(String text) {
		return text.strip().length() >= 8 && text.chars().anyMatch((c) -> c == '<' || c == '"' || c == '\'');
	}

	private static List<String> load() {
		try (InputStream in = NaughtyStrings.class.getResourceAsStream("/hostile/naughty-strings.txt")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
				.filter((line) -> !line.isEmpty() && !line.startsWith("#"))
				.map(NaughtyStrings::unescape)
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String unescape(String line) {
		StringBuilder out = new StringBuilder();
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (c != '\\' || i + 1 == line.length()) {
				out.append(c);
				continue;
			}
			char next = line.charAt(++i);
			switch (next) {
				case 'u' -> {
					out.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
					i += 4;
				}
				case 'r' -> out.append('\r');
				case 'n' -> out.append('\n');
				case 't' -> out.append('\t');
				default -> out.append(next);
			}
		}
		return out.toString();
	}

}
