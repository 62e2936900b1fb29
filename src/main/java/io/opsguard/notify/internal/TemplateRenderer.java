package io.opsguard.notify.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;

/**
 * Renders Mustache templates (jmustache, ADR 0011): plain text without escaping, HTML with every
 * value escaped, and values escaped for a URL or a JSON string (gateway templates). A missing
 * variable renders as nothing; unescaped output ({@code {{{x}}}}, {@code {{& x}}}) is refused,
 * since values are what users typed.
 */
final class TemplateRenderer {

	private static final Mustache.Compiler TEXT = Mustache.compiler().escapeHTML(false).defaultValue("");

	private static final Mustache.Compiler HTML = Mustache.compiler().withEscaper(Escapers.HTML).defaultValue("");

	private static final Mustache.Compiler URL = Mustache.compiler()
		.withEscaper(raw -> URLEncoder.encode(raw, StandardCharsets.UTF_8))
		.defaultValue("");

	private static final Mustache.Compiler JSON = Mustache.compiler().withEscaper(TemplateRenderer::jsonEscape)
		.defaultValue("");

	private TemplateRenderer() {
	}

	/** How values are escaped. */
	enum Escaping {

		NONE, HTML, URL, JSON

	}

	/** The template's problem in words, or null when it compiles and renders the sample. */
	static String problem(String template, Map<String, ?> sample) {
		if (template.contains("{{{") || template.contains("{{&")) {
			return "{{{ }}} / {{& }}}";
		}
		try {
			TEXT.compile(template).execute(sample);
			return null;
		}
		catch (RuntimeException ex) {
			String message = ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
			return message.length() > 200 ? message.substring(0, 200) : message;
		}
	}

	static String render(String template, Map<String, ?> model, Escaping escaping) {
		Mustache.Compiler compiler = switch (escaping) {
			case NONE -> TEXT;
			case HTML -> HTML;
			case URL -> URL;
			case JSON -> JSON;
		};
		String safe = template.replace("{{{", "{{").replace("}}}", "}}").replace("{{&", "{{");
		return compiler.compile(safe).execute(model);
	}

	/** Text as HTML: escaped, line breaks kept. */
	static String textToHtml(String escapedHtml) {
		return escapedHtml.replace("\r\n", "\n").replace("\n", "<br>\n");
	}

	static String escapeHtml(String text) {
		return Escapers.HTML.escape(text);
	}

	static String jsonEscape(String raw) {
		StringBuilder out = new StringBuilder(raw.length() + 8);
		for (int i = 0; i < raw.length(); i++) {
			char c = raw.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.toString();
	}

}
