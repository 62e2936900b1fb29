package io.opsguard.monitoring.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.ParameterDefinition;
import io.opsguard.monitoring.template.ParameterType;
import io.opsguard.shared.OpsGuardException.FieldProblem;

/**
 * Checks a monitor's parameters against its type and splits them into plain values (stored as
 * JSON) and secrets (sealed). A secret left empty on an edit keeps the stored one. Values are
 * normalised (numbers as numbers, lists as lists) so that collectors read them one way. Defaults
 * are not stored: they are filled in when collecting, so a template's new default applies.
 */
public final class MonitorParameters {

	static final int MAX_TEXT = 1000;

	static final int MAX_SECRET = 4000;

	static final int MAX_LIST_ITEMS = 100;

	static final int MAX_LIST_ITEM = 200;

	private static final Pattern HOST_NAME = Pattern.compile(
			"(?=.{1,253}$)[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?(\\.[a-zA-Z0-9_]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9_])?)*\\.?");

	private static final Pattern IP_LITERAL = Pattern.compile("[0-9a-fA-F:.]+(%[a-zA-Z0-9]+)?");

	private MonitorParameters() {
	}

	/**
	 * The checked parameters.
	 *
	 * @param plain the values that are not secret, normalised
	 * @param secrets the secret values (new ones and kept ones)
	 * @param host the target's address (the host parameter, or a URL's host), or null
	 * @param problems every bad field, as {@code parameters.<key>}
	 */
	record Checked(Map<String, Object> plain, Map<String, String> secrets, String host, List<FieldProblem> problems) {
	}

	static Checked check(MonitorType type, Map<String, Object> input, Map<String, String> storedSecrets, Locale locale) {
		Map<String, Object> given = input == null ? Map.of() : input;
		Map<String, Object> plain = new LinkedHashMap<>();
		Map<String, String> secrets = new LinkedHashMap<>();
		List<FieldProblem> problems = new ArrayList<>();
		for (String key : given.keySet()) {
			if (type.parameter(key).isEmpty()) {
				problems.add(new FieldProblem("parameters." + key, MonitoringError.UNKNOWN_PARAMETER, new Object[] { key }));
			}
		}
		Map<String, Object> effective = new LinkedHashMap<>();
		for (ParameterDefinition p : type.parameters()) {
			Object value = given.get(p.key());
			effective.put(p.key(), blank(value) ? p.defaultValue() : value);
		}
		for (ParameterDefinition p : type.parameters()) {
			if (!shown(p, effective)) {
				continue;
			}
			String field = "parameters." + p.key();
			String label = p.label().in(locale);
			Object value = given.get(p.key());
			if (p.type() == ParameterType.SECRET) {
				if (!blank(value)) {
					String secret = value.toString();
					if (secret.length() > MAX_SECRET) {
						problems.add(new FieldProblem(field, MonitoringError.PARAMETER_TOO_LONG, new Object[] { label, MAX_SECRET }));
					}
					else {
						secrets.put(p.key(), secret);
					}
				}
				else if (storedSecrets.containsKey(p.key())) {
					secrets.put(p.key(), storedSecrets.get(p.key()));
				}
				else if (p.required() && p.defaultValue() == null) {
					problems.add(new FieldProblem(field, MonitoringError.PARAMETER_REQUIRED, new Object[] { label }));
				}
				continue;
			}
			if (blank(value)) {
				if (p.required() && p.defaultValue() == null) {
					problems.add(new FieldProblem(field, MonitoringError.PARAMETER_REQUIRED, new Object[] { label }));
				}
				continue;
			}
			try {
				plain.put(p.key(), normalise(p, value, label));
			}
			catch (BadValue bad) {
				problems.add(new FieldProblem(field, bad.error, bad.args));
			}
		}
		return new Checked(plain, secrets, host(type, plain), problems);
	}

	/** Whether a parameter applies, given the others' values ({@code showWhen}). */
	static boolean shown(ParameterDefinition p, Map<String, Object> values) {
		if (p.showWhen() == null) {
			return true;
		}
		Object other = values.get(p.showWhen().key());
		return other != null && Arrays.asList(p.showWhen().value().split("\\|")).contains(other.toString());
	}

	/** The parameters a collector gets: plain values, opened secrets and defaults for what is not set. */
	public static Map<String, Object> forCollection(MonitorType type, Map<String, Object> plain, Map<String, String> secrets) {
		Map<String, Object> all = new LinkedHashMap<>();
		for (ParameterDefinition p : type.parameters()) {
			Object value = p.type() == ParameterType.SECRET ? secrets.get(p.key()) : plain.get(p.key());
			if (value == null && p.defaultValue() != null) {
				value = p.type() == ParameterType.LIST && p.defaultValue() instanceof List<?> items
						? items.stream().map(String::valueOf).toList() : p.defaultValue();
			}
			if (value != null) {
				all.put(p.key(), value);
			}
		}
		return all;
	}

	private static String host(MonitorType type, Map<String, Object> plain) {
		for (ParameterDefinition p : type.parameters()) {
			if (p.type() == ParameterType.HOST && plain.get(p.key()) != null) {
				return plain.get(p.key()).toString();
			}
		}
		for (ParameterDefinition p : type.parameters()) {
			if (p.type() == ParameterType.URL && plain.get(p.key()) != null) {
				try {
					return new URI(plain.get(p.key()).toString()).getHost();
				}
				catch (URISyntaxException ex) {
					return null;
				}
			}
		}
		return null;
	}

	private static boolean blank(Object value) {
		return value == null || (value instanceof String text && text.isBlank())
				|| (value instanceof List<?> list && list.isEmpty());
	}

	private static Object normalise(ParameterDefinition p, Object value, String label) {
		return switch (p.type()) {
			case HOST -> host(value.toString().trim(), label);
			case PORT -> {
				long port = number(value, label, MonitoringError.BAD_PORT);
				if (port < 1 || port > 65535) {
					throw new BadValue(MonitoringError.BAD_PORT, label);
				}
				yield (int) port;
			}
			case NUMBER -> {
				long number = number(value, label, MonitoringError.BAD_NUMBER);
				long min = p.min() == null ? Long.MIN_VALUE : p.min();
				long max = p.max() == null ? Long.MAX_VALUE : p.max();
				if (number < min || number > max) {
					throw new BadValue(MonitoringError.BAD_NUMBER, label, p.min() == null ? "" : p.min(),
							p.max() == null ? "" : p.max());
				}
				yield number;
			}
			case BOOLEAN -> {
				if (value instanceof Boolean flag) {
					yield flag;
				}
				String text = value.toString().trim().toLowerCase(Locale.ROOT);
				if (!text.equals("true") && !text.equals("false")) {
					throw new BadValue(MonitoringError.BAD_BOOLEAN, label);
				}
				yield Boolean.parseBoolean(text);
			}
			case CHOICE -> {
				String text = value.toString().trim();
				if (p.options().stream().noneMatch(o -> o.value().equals(text))) {
					throw new BadValue(MonitoringError.NOT_AN_OPTION, label, text);
				}
				yield text;
			}
			case URL -> url(value.toString().trim(), label);
			case LIST -> list(value, label);
			case TEXT -> {
				String text = value.toString().trim();
				if (text.length() > MAX_TEXT) {
					throw new BadValue(MonitoringError.PARAMETER_TOO_LONG, label, MAX_TEXT);
				}
				yield text;
			}
			case SECRET -> throw new IllegalStateException("secrets are not plain values");
		};
	}

	private static String host(String host, String label) {
		if (host.startsWith("-") || host.length() > 253) {
			throw new BadValue(MonitoringError.BAD_HOST, label, host);
		}
		if (host.contains(":") || host.matches("[0-9.]+")) {
			if (!IP_LITERAL.matcher(host).matches()) {
				throw new BadValue(MonitoringError.BAD_HOST, label, host);
			}
			try {
				// an IP literal: parsed, never looked up
				InetAddress.getByName(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
				if (host.matches("[0-9.]+") && host.split("\\.").length != 4) {
					throw new BadValue(MonitoringError.BAD_HOST, label, host);
				}
				return host;
			}
			catch (UnknownHostException ex) {
				throw new BadValue(MonitoringError.BAD_HOST, label, host);
			}
		}
		if (!HOST_NAME.matcher(host).matches()) {
			throw new BadValue(MonitoringError.BAD_HOST, label, host);
		}
		return host;
	}

	private static String url(String text, String label) {
		try {
			URI uri = new URI(text);
			String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
			if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || text.length() > 2000) {
				throw new BadValue(MonitoringError.BAD_URL, label, text);
			}
			return text;
		}
		catch (URISyntaxException ex) {
			throw new BadValue(MonitoringError.BAD_URL, label, text);
		}
	}

	private static List<String> list(Object value, String label) {
		List<String> items = new ArrayList<>();
		if (value instanceof List<?> list) {
			list.forEach(item -> {
				if (item != null && !item.toString().isBlank()) {
					items.add(item.toString().trim());
				}
			});
		}
		else if (value instanceof Map) {
			throw new BadValue(MonitoringError.BAD_LIST, label);
		}
		else {
			for (String item : value.toString().split("[,，\\n]")) {
				if (!item.isBlank()) {
					items.add(item.trim());
				}
			}
		}
		if (items.size() > MAX_LIST_ITEMS || items.stream().anyMatch(i -> i.length() > MAX_LIST_ITEM)) {
			throw new BadValue(MonitoringError.BAD_LIST, label);
		}
		return List.copyOf(items);
	}

	private static long number(Object value, String label, MonitoringError error) {
		if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			return ((Number) value).longValue();
		}
		if (value instanceof Number number) {
			double d = number.doubleValue();
			if (d == Math.rint(d) && Math.abs(d) < 1e15) {
				return (long) d;
			}
			throw new BadValue(error, label);
		}
		try {
			return Long.parseLong(value.toString().trim());
		}
		catch (NumberFormatException ex) {
			throw new BadValue(error, label);
		}
	}

	private static final class BadValue extends RuntimeException {

		private final transient MonitoringError error;

		private final transient Object[] args;

		BadValue(MonitoringError error, Object... args) {
			super(error.code(), null, false, false);
			this.error = error;
			this.args = args;
		}

	}

}
