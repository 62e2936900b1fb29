package io.opsguard.monitoring.collect.prometheus;

import java.util.List;
import java.util.Map;

/**
 * A parsed Prometheus text exposition.
 *
 * @param samples every sample line that could be read, in order
 * @param types each family's declared type ({@code counter}, {@code gauge}, {@code histogram},
 * {@code summary}, {@code untyped}) by family name
 * @param help each family's help text by family name
 * @param errors the lines that could not be read, with their numbers
 */
public record Exposition(List<Sample> samples, Map<String, String> types, Map<String, String> help,
		List<LineError> errors) {

	public Exposition {
		samples = List.copyOf(samples);
		types = Map.copyOf(types);
		help = Map.copyOf(help);
		errors = List.copyOf(errors);
	}

	/**
	 * One sample line.
	 *
	 * @param name the sample's name (a histogram's {@code x_bucket}, {@code x_sum}, {@code x_count} as written)
	 * @param labels its labels, unescaped
	 * @param value its value (NaN and ±Inf as written)
	 * @param timestamp its timestamp in milliseconds, or null when the line has none
	 * @param line the line number, from 1
	 */
	public record Sample(String name, Map<String, String> labels, double value, Long timestamp, int line) {

		public Sample {
			labels = Map.copyOf(labels);
		}

	}

	/** A line that could not be read. */
	public record LineError(int line, String message) {

		@Override
		public String toString() {
			return "line " + this.line + ": " + this.message;
		}

	}

	/** The type of the family a sample belongs to (with histogram and summary suffixes), or untyped. */
	public String typeOf(String sampleName) {
		String type = this.types.get(sampleName);
		if (type != null) {
			return type;
		}
		for (String suffix : List.of("_bucket", "_sum", "_count", "_total", "_created")) {
			if (sampleName.endsWith(suffix)) {
				type = this.types.get(sampleName.substring(0, sampleName.length() - suffix.length()));
				if (type != null) {
					return type;
				}
			}
		}
		return "untyped";
	}

}
