package io.opsguard.cmdb.internal;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.EnumOption;
import io.opsguard.shared.OpsGuardException.FieldProblem;

/**
 * Checks and normalises attribute values against their definitions: every problem is reported
 * with the field it concerns ({@code attributes.<code>}), values come out in one canonical form
 * per type (numbers as BigDecimal, dates and IPs as text, references as ids).
 */
final class AttributeValues {

	static final int MAX_TEXT = 2000;

	private static final Pattern IPV4 = Pattern
		.compile("^((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)$");

	private static final Pattern IPV6_CHARS = Pattern.compile("^[0-9A-Fa-f:.]{2,45}$");

	private AttributeValues() {
	}

	/** What a reference attribute may point to, as the caller sees it. */
	interface References {

		boolean ci(long id, String refClassCode);

		boolean user(long id);

		boolean organisation(long id);

	}

	/** The checked values, and the problems found (empty when all is well). */
	record Result(Map<String, Object> values, List<FieldProblem> problems) {

		boolean valid() {
			return this.problems.isEmpty();
		}

	}

	static Result check(Map<String, ?> input, List<AttributeDef> definitions, References references) {
		Map<String, AttributeDef> byCode = new LinkedHashMap<>();
		definitions.forEach(d -> byCode.put(d.code(), d));
		Map<String, Object> values = new LinkedHashMap<>();
		List<FieldProblem> problems = new ArrayList<>();
		Map<String, ?> given = input == null ? Map.of() : input;
		for (String code : given.keySet()) {
			if (!byCode.containsKey(code)) {
				problems.add(new FieldProblem("attributes." + code, CmdbError.UNKNOWN_ATTRIBUTE, new Object[] { code }));
			}
		}
		for (AttributeDef def : definitions) {
			Object raw = given.get(def.code());
			String field = "attributes." + def.code();
			Localised label = ClassCatalog.label(def);
			if (isEmpty(raw)) {
				if (def.required()) {
					problems.add(new FieldProblem(field, CmdbError.REQUIRED, new Object[] { label }));
				}
				continue;
			}
			try {
				values.put(def.code(), normalise(def, raw, references, label, field));
			}
			catch (ValueProblem problem) {
				problems.add(problem.problem);
			}
		}
		return new Result(values, problems);
	}

	static boolean isEmpty(Object raw) {
		return raw == null || (raw instanceof String s && s.isBlank());
	}

	private static Object normalise(AttributeDef def, Object raw, References references, Localised label, String field) {
		return switch (def.type()) {
			case TEXT -> text(def, raw, label, field);
			case NUMBER -> number(def, raw, label, field);
			case DATE -> date(raw, label, field);
			case ENUM -> enumValue(def, raw, label, field);
			case BOOLEAN -> bool(raw, label, field);
			case IP -> ip(raw, label, field);
			case CI -> reference(raw, label, field, id -> references.ci(id, def.refClassCode()));
			case USER -> reference(raw, label, field, references::user);
			case ORGANISATION -> reference(raw, label, field, references::organisation);
		};
	}

	private static String text(AttributeDef def, Object raw, Localised label, String field) {
		if (!(raw instanceof String) && !(raw instanceof Number)) {
			throw wrongType(label, field, AttributeType.TEXT);
		}
		String text = raw.toString().trim();
		if (text.length() > MAX_TEXT) {
			throw new ValueProblem(field, CmdbError.OUT_OF_RULE, label, "≤ " + MAX_TEXT);
		}
		if (def.pattern() != null && !def.pattern().isBlank()) {
			try {
				if (!Pattern.compile(def.pattern()).matcher(text).matches()) {
					throw new ValueProblem(field, CmdbError.OUT_OF_RULE, label, def.pattern());
				}
			}
			catch (PatternSyntaxException ex) {
				// a broken pattern is refused when it is defined; if one slipped through, do not block writes
			}
		}
		return text;
	}

	private static BigDecimal number(AttributeDef def, Object raw, Localised label, String field) {
		BigDecimal number;
		try {
			number = raw instanceof Number n ? new BigDecimal(n.toString()) : new BigDecimal(raw.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw wrongType(label, field, AttributeType.NUMBER);
		}
		if (def.min() != null && number.doubleValue() < def.min()) {
			throw new ValueProblem(field, CmdbError.OUT_OF_RULE, label, "≥ " + format(def.min()));
		}
		if (def.max() != null && number.doubleValue() > def.max()) {
			throw new ValueProblem(field, CmdbError.OUT_OF_RULE, label, "≤ " + format(def.max()));
		}
		return number.stripTrailingZeros().scale() < 0 ? number.setScale(0) : number.stripTrailingZeros();
	}

	private static String format(double value) {
		return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
	}

	private static String date(Object raw, Localised label, String field) {
		String text = raw.toString().trim();
		try {
			return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text).toString();
		}
		catch (DateTimeParseException ex) {
			throw wrongType(label, field, AttributeType.DATE);
		}
	}

	private static String enumValue(AttributeDef def, Object raw, Localised label, String field) {
		String text = raw.toString().trim();
		for (EnumOption option : def.options()) {
			if (option.value().equals(text) || option.labelZh().equals(text)
					|| (option.labelEn() != null && option.labelEn().equalsIgnoreCase(text))) {
				return option.value();
			}
		}
		throw new ValueProblem(field, CmdbError.NOT_AN_OPTION, label, text, Localised.joined(choices(def)));
	}

	/** What a value of the attribute may be, as people write it (labels in the reader's language). */
	static List<org.springframework.context.MessageSourceResolvable> choices(AttributeDef def) {
		return switch (def.type()) {
			case ENUM -> def.options().stream()
				.map(o -> (org.springframework.context.MessageSourceResolvable) new Localised(o.labelZh(), o.labelEn()))
				.toList();
			case BOOLEAN -> List.of(Localised.key("cmdb.yes"), Localised.key("cmdb.no"));
			default -> List.of();
		};
	}

	private static Boolean bool(Object raw, Localised label, String field) {
		if (raw instanceof Boolean b) {
			return b;
		}
		String text = raw.toString().trim().toLowerCase(Locale.ROOT);
		return switch (text) {
			case "true", "是", "yes", "y", "1" -> Boolean.TRUE;
			case "false", "否", "no", "n", "0" -> Boolean.FALSE;
			default -> throw wrongType(label, field, AttributeType.BOOLEAN);
		};
	}

	static String ip(Object raw, Localised label, String field) {
		String text = raw.toString().trim();
		if (IPV4.matcher(text).matches()) {
			return text;
		}
		if (text.contains(":") && IPV6_CHARS.matcher(text).matches()) {
			try {
				// a literal with ':' is parsed without any name lookup
				return java.net.InetAddress.getByName(text).getHostAddress();
			}
			catch (java.net.UnknownHostException | IllegalArgumentException ex) {
				throw wrongType(label, field, AttributeType.IP);
			}
		}
		throw wrongType(label, field, AttributeType.IP);
	}

	private static Long reference(Object raw, Localised label, String field, java.util.function.LongPredicate exists) {
		long id;
		try {
			id = raw instanceof Number n ? n.longValue() : Long.parseLong(raw.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new ValueProblem(field, CmdbError.UNKNOWN_REFERENCE, label);
		}
		if (!exists.test(id)) {
			throw new ValueProblem(field, CmdbError.UNKNOWN_REFERENCE, label);
		}
		return id;
	}

	private static ValueProblem wrongType(Localised label, String field, AttributeType type) {
		// the type is named in the reader's language when the message is rendered
		return new ValueProblem(field, CmdbError.WRONG_TYPE, label, Localised.key("cmdb.type." + type));
	}

	/** The canonical text of a value, for uniqueness and search. */
	static String key(Object value) {
		return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value).toLowerCase(Locale.ROOT);
	}

	private static final class ValueProblem extends RuntimeException {

		private final transient FieldProblem problem;

		ValueProblem(String field, CmdbError error, Object... args) {
			super(null, null, false, false);
			this.problem = new FieldProblem(field, error, args);
		}

	}

}
