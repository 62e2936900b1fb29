package io.opsguard.identity.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The fields a change touched, as {@code [field, before, after]} triples for every field that
 * differs. Fields whose name suggests a secret are never included, whatever the caller passes.
 * They are stored as data and rendered as {@code field: old → new} in the reader's language.
 */
final class ChangeSummary {

	/** The message key of an entry that lists changed fields. */
	static final String CHANGED = "audit.changes";

	/** The message key of an entry that lists the fields of something created. */
	static final String CREATED = "audit.changes.created";

	private static final Pattern SECRET = Pattern.compile("(?i).*(password|secret|token|hash|credential).*");

	private static final int MAX_VALUE = 200;

	private static final int MAX_STORED = 3900;

	private static final String ABSENT = "∅";

	private ChangeSummary() {
	}

	/** One changed field; null values mean "not set". */
	record Change(String field, String before, String after) {

		List<String> asList() {
			return Arrays.asList(this.field, this.before, this.after);
		}

	}

	/** The fields that differ between {@code before} and {@code after} (either may be null). */
	@SuppressWarnings("unchecked")
	static List<Change> of(ObjectMapper json, Object before, Object after) {
		Map<String, Object> old = before == null ? Map.of() : json.convertValue(before, Map.class);
		Map<String, Object> now = after == null ? Map.of() : json.convertValue(after, Map.class);
		TreeSet<String> fields = new TreeSet<>(old.keySet());
		fields.addAll(now.keySet());
		List<Change> changes = new ArrayList<>();
		for (String field : fields) {
			if (SECRET.matcher(field).matches()) {
				continue;
			}
			Object a = old.get(field);
			Object b = now.get(field);
			if (!Objects.equals(a, b)) {
				changes.add(new Change(field, text(a), text(b)));
			}
		}
		return changes;
	}

	/** The changes as stored: a JSON array of triples, cut to fit the column (a last "…" says so). */
	static String stored(ObjectMapper json, List<Change> changes) {
		List<List<String>> rows = new ArrayList<>();
		int length = 2;
		for (Change change : changes) {
			List<String> row = change.asList();
			int size = json.valueToTree(row).toString().length() + 1;
			if (length + size > MAX_STORED) {
				rows.add(Arrays.asList("…", null, null));
				break;
			}
			rows.add(row);
			length += size;
		}
		return json.valueToTree(rows).toString();
	}

	/** Renders stored changes as {@code label: old → new; …} (for a creation: {@code label: new}). */
	static String render(List<List<String>> rows, boolean created, UnaryOperator<String> label) {
		StringBuilder summary = new StringBuilder();
		for (List<String> row : rows) {
			if (summary.length() > 0) {
				summary.append("; ");
			}
			if ("…".equals(row.get(0))) {
				summary.append('…');
				continue;
			}
			summary.append(label.apply(row.get(0))).append(": ");
			if (!created) {
				summary.append(display(row.get(1))).append(" → ");
			}
			summary.append(display(row.get(2)));
		}
		return summary.toString();
	}

	private static String display(String value) {
		return value == null ? ABSENT : value;
	}

	private static String text(Object value) {
		if (value == null) {
			return null;
		}
		String s = value.toString();
		return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE) + "…" : s;
	}

}
