package io.opsguard.monitoring.collect.http;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The HTTP statuses a check accepts, written as {@code 200}, {@code 2xx} or {@code 200-399}, comma-separated. */
record StatusList(List<int[]> ranges, String text) {

	static final String DEFAULT = "200-399";

	private static final Pattern ITEM = Pattern.compile("(\\d{3})(?:\\s*-\\s*(\\d{3}))?|([1-5])xx");

	/**
	 * Parses the items.
	 *
	 * @throws IllegalArgumentException naming the item that is no status
	 */
	static StatusList parse(List<String> items) {
		List<int[]> ranges = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		for (String item : items) {
			for (String part : item.split(",")) {
				String trimmed = part.trim().toLowerCase(java.util.Locale.ROOT);
				if (trimmed.isEmpty()) {
					continue;
				}
				Matcher matcher = ITEM.matcher(trimmed);
				if (!matcher.matches()) {
					throw new IllegalArgumentException("Not an HTTP status, range or class: " + part.trim());
				}
				int from;
				int to;
				if (matcher.group(3) != null) {
					from = Integer.parseInt(matcher.group(3)) * 100;
					to = from + 99;
				}
				else {
					from = Integer.parseInt(matcher.group(1));
					to = matcher.group(2) == null ? from : Integer.parseInt(matcher.group(2));
				}
				if (from < 100 || to > 599 || from > to) {
					throw new IllegalArgumentException("Not an HTTP status, range or class: " + part.trim());
				}
				ranges.add(new int[] { from, to });
				texts.add(trimmed);
			}
		}
		if (ranges.isEmpty()) {
			return parse(List.of(DEFAULT));
		}
		return new StatusList(List.copyOf(ranges), String.join(", ", texts));
	}

	boolean accepts(int status) {
		return this.ranges.stream().anyMatch(r -> status >= r[0] && status <= r[1]);
	}

}
