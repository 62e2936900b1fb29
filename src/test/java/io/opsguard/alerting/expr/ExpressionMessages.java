package io.opsguard.alerting.expr;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Arrays;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** The words of the problems, as a person reads them, in both languages. */
final class ExpressionMessages {

	static final Properties CHINESE = load("/i18n/messages.properties");

	static final Properties ENGLISH = load("/i18n/messages_en.properties");

	private ExpressionMessages() {
	}

	/** The message keys of the language, from the message files. */
	static Set<String> codes() {
		Set<String> codes = new TreeSet<>();
		for (String key : CHINESE.stringPropertyNames()) {
			if (key.startsWith("alerting.expr.")) {
				codes.add(key);
			}
		}
		return codes;
	}

	/** The problem in Chinese, checked to exist in English too and to leave no placeholder unfilled. */
	static String render(ExpressionProblem problem) {
		Object[] neutral = new Object[problem.args().size()];
		Arrays.fill(neutral, "x");
		assertThat(format(ENGLISH, problem.code(), neutral, Locale.ENGLISH)).as("English of %s", problem.code())
			.doesNotContainPattern("\\{\\d");
		assertThat(format(CHINESE, problem.code(), neutral, Locale.SIMPLIFIED_CHINESE)).as("Chinese of %s", problem.code())
			.doesNotContainPattern("\\{\\d");
		format(ENGLISH, problem.code(), problem.arguments(), Locale.ENGLISH);
		return format(CHINESE, problem.code(), problem.arguments(), Locale.SIMPLIFIED_CHINESE);
	}

	private static String format(Properties messages, String code, Object[] arguments, Locale locale) {
		String pattern = messages.getProperty(code);
		assertThat(pattern).as("message %s", code).isNotBlank();
		// as Spring's MessageSource does: MessageFormat only when there are arguments
		return (arguments.length == 0) ? pattern : new MessageFormat(pattern, locale).format(arguments);
	}

	private static Properties load(String resource) {
		Properties properties = new Properties();
		try (InputStream in = ExpressionMessages.class.getResourceAsStream(resource)) {
			properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return properties;
	}

}
