package org.recourse.benchmarks;

import java.util.Set;

/**
 * The benchmarks' command lines: {@code --name value} or {@code --name=value}, flags that
 * take no value, and {@code --help} (or {@code -h}). Every mistake is an
 * {@link IllegalArgumentException} whose message the benchmark prints as it is, beside
 * its usage.
 */
final class CommandLine {

	private CommandLine() {
	}

	/**
	 * Hands each option of {@code args} to {@code options} in order (a flag of
	 * {@code flags} with a null value); false when help was asked for. A value the option
	 * cannot read as a number fails as "Not a number for --name: value".
	 */
	static boolean parse(String[] args, Set<String> flags, Option options) {
		for (int i = 0; i < args.length; i++) {
			String name = args[i];
			String value = null;
			int equals = name.indexOf('=');
			if (name.startsWith("--") && equals > 0) {
				value = name.substring(equals + 1);
				name = name.substring(0, equals);
			}
			if ("--help".equals(name) || "-h".equals(name)) {
				return false;
			}
			if (!name.startsWith("--")) {
				throw new IllegalArgumentException("Unexpected argument " + name);
			}
			if (value == null && !flags.contains(name)) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("Missing value for " + name);
				}
				value = args[++i];
			}
			try {
				options.set(name, value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("Not a number for " + name + ": " + value);
			}
		}
		return true;
	}

	/** What one option does with its value; unknown names throw. */
	@FunctionalInterface
	interface Option {

		void set(String name, String value);

	}

}
