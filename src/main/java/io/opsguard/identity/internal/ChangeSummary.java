package io.opsguard.identity.internal;

import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Summarises a change as {@code field: old → new} for every field that differs. Fields whose name
 * suggests a secret are never included, whatever the caller passes.
 */
final class ChangeSummary {

	private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|hash|credential).*");

	private static final int MAX_VALUE = 200;

	private static final int MAX_SUMMARY = 3900;

	private ChangeSummary() {
	}

	static String of(ObjectMapper json, Object before, Object after) {
		return of(json, before, after, java.util.function.UnaryOperator.identity());
	}

	/** As {@link #of(ObjectMapper, Object, Object)}, naming each field with {@code label}. */
	@SuppressWarnings("unchecked")
	static String of(ObjectMapper json, Object before, Object after, java.util.function.UnaryOperator<String> label) {
		Map<String, Object> old = before == null ? Map.of() : json.convertValue(before, Map.class);
		Map<String, Object> now = after == null ? Map.of() : json.convertValue(after, Map.class);
		StringBuilder summary = new StringBuilder();
		TreeSet<String> fields = new TreeSet<>(old.keySet());
		fields.addAll(now.keySet());
		for (String field : fields) {
			if (SECRET.matcher(field).matches()) {
				continue;
			}
			Object a = old.get(field);
			Object b = now.get(field);
			if (Objects.equals(a, b)) {
				continue;
			}
			if (summary.length() > 0) {
				summary.append("; ");
			}
			summary.append(label.apply(field)).append(": ");
			if (before != null) {
				summary.append(text(a)).append(" → ");
			}
			summary.append(after == null ? "∅" : text(b));
		}
		return summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) + "…" : summary.toString();
	}

	private static String text(Object value) {
		if (value == null) {
			return "∅";
		}
		String s = value.toString();
		return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "…" : s;
	}

}
