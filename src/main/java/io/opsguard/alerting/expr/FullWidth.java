package io.opsguard.alerting.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Chinese input methods type {@code （ ） ＞ ＝ “ ”} instead of {@code ( ) > = "}: these are found
 * all at once, each with the character to use instead. Text between ASCII quotes (an instance name)
 * may hold anything; full-width spaces count as spaces.
 */
final class FullWidth {

	private FullWidth() {
	}

	static List<ExpressionProblem> problems(String text) {
		List<ExpressionProblem> problems = new ArrayList<>();
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '"' || c == '\'') {
				i = endOfString(text, i, c);
				continue;
			}
			String replacement = replacement(c);
			if (replacement != null) {
				problems.add(ExpressionProblem.at(i, 1, "alerting.expr.fullWidth")
					.arg("character", String.valueOf(c))
					.arg("replacement", replacement)
					.arg("column", i + 1)
					.build());
			}
			i++;
		}
		return problems;
	}

	private static int endOfString(String text, int start, char quote) {
		int i = start + 1;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '\\') {
				i += 2;
				continue;
			}
			if (c == quote) {
				return i + 1;
			}
			i++;
		}
		return text.length();
	}

	/** The ASCII to type instead of {@code c}, or null when {@code c} is fine (or simply unknown). */
	static String replacement(char c) {
		if (c >= '\uFF01' && c <= '\uFF5E') {
			return String.valueOf((char) (c - 0xFEE0));
		}
		switch (c) {
			case '\u201C': // “
			case '\u201D': // ”
			case '\u201E':
				return "\"";
			case '\u2018': // ‘
			case '\u2019': // ’
				return "'";
			case '\u3002': // 。
			case '\uFF61':
				return ".";
			case '\u3001': // 、
				return ",";
			case '\u3010': // 【
				return "[";
			case '\u3011': // 】
				return "]";
			case '\u3014': // 〔
				return "(";
			case '\u3015': // 〕
				return ")";
			case '\u300A': // 《
				return "<";
			case '\u300B': // 》
				return ">";
			case '\u2264': // ≤
				return "<=";
			case '\u2265': // ≥
				return ">=";
			case '\u2260': // ≠
				return "!=";
			case '\u00D7': // ×
				return "*";
			case '\u00F7': // ÷
				return "/";
			case '\u2212': // minus sign
			case '\u2013': // en dash
			case '\u2014': // em dash
				return "-";
			default:
				return null;
		}
	}

}
