package io.opsguard.monitoring.collect;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opsguard.monitoring.template.TemplateProblems;

/**
 * The {@code ${parameter}} placeholders of a template's texts (a JDBC URL, an ObjectName, a query):
 * which parameters a text names, and the text with them replaced.
 */
public final class Placeholders {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-zA-Z][a-zA-Z0-9_]*)}");

	private Placeholders() {
	}

	/** The parameter keys a text names, in order of first appearance. */
	public static Set<String> keys(String text) {
		Set<String> keys = new LinkedHashSet<>();
		if (text != null) {
			Matcher matcher = PLACEHOLDER.matcher(text);
			while (matcher.find()) {
				keys.add(matcher.group(1));
			}
		}
		return keys;
	}

	/** Adds an {@code unknownParameter} problem at {@code path} for each key the text names that is no parameter. */
	public static void check(String path, String text, Set<String> parameters, TemplateProblems problems) {
		for (String key : keys(text)) {
			if (!parameters.contains(key)) {
				problems.add(path, "unknownParameter", key);
			}
		}
	}

	/**
	 * Replaces every placeholder by what {@code value} answers for its key.
	 *
	 * @throws IllegalArgumentException naming the key when {@code value} answers null
	 */
	public static String replace(String text, Function<String, String> value) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder replaced = new StringBuilder();
		while (matcher.find()) {
			String key = matcher.group(1);
			String replacement = value.apply(key);
			if (replacement == null) {
				throw new IllegalArgumentException("The parameter " + key + " is not set");
			}
			matcher.appendReplacement(replaced, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(replaced);
		return replaced.toString();
	}

	/**
	 * Turns a text into a statement with a {@code ?} for every placeholder, so that parameters are
	 * bound rather than pasted into SQL.
	 *
	 * @param text the SQL with placeholders
	 * @param order receives the parameter keys in the order of the {@code ?} marks
	 */
	public static String bindMarks(String text, List<String> order) {
		Matcher matcher = PLACEHOLDER.matcher(text);
		StringBuilder replaced = new StringBuilder();
		List<String> keys = new ArrayList<>();
		while (matcher.find()) {
			keys.add(matcher.group(1));
			matcher.appendReplacement(replaced, "?");
		}
		matcher.appendTail(replaced);
		order.addAll(keys);
		return replaced.toString();
	}

}
