package io.opsguard.servicedesk.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.opsguard.shared.OpsGuardException.FieldProblem;

/**
 * The form of a service catalogue item (R-DSK-14) as data: its fields, the checks of a definition an
 * administrator writes, and the checks of the values a requester or agent fills in. Pure rules,
 * without storage: {@link CatalogueItems} keeps the definitions, the ticket keeps the values.
 */
public final class CatalogueForm {

	/** Fields per item: a form longer than this is a project, not a request. */
	static final int MAX_FIELDS = 30;

	static final int MAX_OPTIONS = 50;

	static final int MAX_LABEL = 50;

	static final int MAX_HINT = 200;

	/** A field's key: what the value is stored under ({@code employeeName}). */
	static final Pattern KEY = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,39}");

	static final Pattern PHONE = Pattern.compile("[0-9+\\-() ]{5,30}");

	private CatalogueForm() {
	}

	/** What a field holds. */
	public enum Kind {

		TEXT(200), TEXTAREA(2000), NUMBER(40), DATE(10), SELECT(100), PHONE(30), CHECKBOX(5);

		private final int maxLength;

		Kind(int maxLength) {
			this.maxLength = maxLength;
		}

		int maxLength() {
			return this.maxLength;
		}

	}

	/**
	 * A field of a form: {@code label} in Chinese, {@code labelEn} in English (the Chinese one when
	 * absent); {@code options} for a selection.
	 */
	public record Field(String key, String label, String labelEn, Kind kind, boolean required, List<String> options,
			String hint) {

		public Field {
			// kept as given (a null option included) so that the definition check can name it
			options = options == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(options));
		}

	}

	/**
	 * Checks a definition; the problems name the field as {@code fields[2].label}. Keys are unique,
	 * labels present, selections have distinct options.
	 */
	static List<FieldProblem> checkDefinition(List<Field> fields) {
		List<FieldProblem> problems = new ArrayList<>();
		if (fields == null) {
			return problems;
		}
		if (fields.size() > MAX_FIELDS) {
			problems.add(new FieldProblem("fields", ServiceDeskError.FORM_TOO_MANY_FIELDS, new Object[] { MAX_FIELDS }));
			return problems;
		}
		Set<String> keys = new HashSet<>();
		for (int i = 0; i < fields.size(); i++) {
			Field f = fields.get(i);
			String at = "fields[" + i + "]";
			if (f == null) {
				problems.add(new FieldProblem(at, ServiceDeskError.FORM_FIELD_BAD_KEY, new Object[] { "" }));
				continue;
			}
			if (f.key() == null || !KEY.matcher(f.key()).matches()) {
				problems.add(new FieldProblem(at + ".key", ServiceDeskError.FORM_FIELD_BAD_KEY, new Object[] { String.valueOf(f.key()) }));
			}
			else if (!keys.add(f.key().toLowerCase(java.util.Locale.ROOT))) {
				problems.add(new FieldProblem(at + ".key", ServiceDeskError.FORM_FIELD_DUPLICATE_KEY, new Object[] { f.key() }));
			}
			if (blank(f.label()) || f.label().strip().length() > MAX_LABEL) {
				problems.add(new FieldProblem(at + ".label", ServiceDeskError.FORM_FIELD_LABEL_REQUIRED, new Object[0]));
			}
			if (f.labelEn() != null && f.labelEn().strip().length() > MAX_LABEL) {
				problems.add(new FieldProblem(at + ".labelEn", ServiceDeskError.TOO_LONG, new Object[] { MAX_LABEL }));
			}
			if (f.hint() != null && f.hint().strip().length() > MAX_HINT) {
				problems.add(new FieldProblem(at + ".hint", ServiceDeskError.TOO_LONG, new Object[] { MAX_HINT }));
			}
			if (f.kind() == null) {
				problems.add(new FieldProblem(at + ".kind", ServiceDeskError.FORM_FIELD_KIND_REQUIRED, new Object[0]));
			}
			else if (f.kind() == Kind.SELECT) {
				Set<String> seen = new HashSet<>();
				boolean bad = f.options().isEmpty() || f.options().size() > MAX_OPTIONS;
				for (String option : f.options()) {
					bad |= blank(option) || option.length() > Kind.SELECT.maxLength() || !seen.add(option.strip());
				}
				if (bad) {
					problems.add(new FieldProblem(at + ".options", ServiceDeskError.FORM_FIELD_BAD_OPTIONS, new Object[] { MAX_OPTIONS }));
				}
			}
		}
		return problems;
	}

	/**
	 * Checks values against a form: required fields present, each of its kind and within its length,
	 * an option of its selection, no keys the form does not have. Answers the values as stored
	 * (stripped, in the form's order, blanks left out); problems name the field as
	 * {@code formValues.employeeName}.
	 */
	static Map<String, String> checkValues(List<Field> fields, Map<String, ?> values, List<FieldProblem> problems) {
		Map<String, ?> given = values == null ? Map.of() : values;
		Map<String, String> stored = new LinkedHashMap<>();
		Set<String> known = new HashSet<>();
		for (Field f : fields) {
			known.add(f.key());
			String at = "formValues." + f.key();
			Object raw = given.get(f.key());
			if (raw instanceof Map<?, ?> || raw instanceof Iterable<?> || raw != null && raw.getClass().isArray()) {
				problems.add(new FieldProblem(at, ServiceDeskError.FORM_VALUE_INVALID, new Object[] { f.label() }));
				continue;
			}
			String value = raw == null ? null : String.valueOf(raw).strip();
			if (f.kind() == Kind.CHECKBOX && value != null && !value.isEmpty()) {
				if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
					problems.add(new FieldProblem(at, ServiceDeskError.FORM_VALUE_INVALID, new Object[] { f.label() }));
					continue;
				}
				value = value.toLowerCase(java.util.Locale.ROOT);
			}
			if (value == null || value.isEmpty() || f.kind() == Kind.CHECKBOX && f.required() && value.equals("false")) {
				if (f.required()) {
					problems.add(new FieldProblem(at, ServiceDeskError.FORM_VALUE_REQUIRED, new Object[] { f.label() }));
				}
				continue;
			}
			if (value.length() > f.kind().maxLength()) {
				problems.add(new FieldProblem(at, ServiceDeskError.TOO_LONG, new Object[] { f.kind().maxLength() }));
				continue;
			}
			if (!fits(f, value)) {
				problems.add(new FieldProblem(at, ServiceDeskError.FORM_VALUE_INVALID, new Object[] { f.label() }));
				continue;
			}
			stored.put(f.key(), value);
		}
		for (String key : given.keySet()) {
			if (!known.contains(key)) {
				problems.add(new FieldProblem("formValues." + key, ServiceDeskError.FORM_VALUE_UNKNOWN, new Object[] { String.valueOf(key) }));
			}
		}
		return stored;
	}

	private static boolean fits(Field f, String value) {
		return switch (f.kind()) {
			case NUMBER -> {
				try {
					new BigDecimal(value);
					yield true;
				}
				catch (NumberFormatException ex) {
					yield false;
				}
			}
			case DATE -> {
				try {
					LocalDate.parse(value);
					yield true;
				}
				catch (DateTimeParseException ex) {
					yield false;
				}
			}
			case SELECT -> f.options().stream().anyMatch(o -> o.strip().equals(value));
			case PHONE -> PHONE.matcher(value).matches();
			default -> true;
		};
	}

	private static boolean blank(String s) {
		return s == null || s.isBlank();
	}

}
