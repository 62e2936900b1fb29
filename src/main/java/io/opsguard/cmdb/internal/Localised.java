package io.opsguard.cmdb.internal;

import java.util.List;

import org.springframework.context.MessageSourceResolvable;

/**
 * A text kept in both languages (a class or attribute name, an option label), rendered in the
 * reader's language wherever messages are: as an argument of an error it becomes the Chinese or
 * the English text when the problem is written ({@code cmdb.localised} picks one).
 */
public record Localised(String zh, String en) implements MessageSourceResolvable {

	private static final String[] CODES = { "cmdb.localised" };

	public Localised {
		en = en == null || en.isBlank() ? zh : en;
	}

	@Override
	public String[] getCodes() {
		return CODES;
	}

	@Override
	public Object[] getArguments() {
		return new Object[] { this.zh, this.en };
	}

	@Override
	public String getDefaultMessage() {
		return this.zh;
	}

	/** A message key (e.g. {@code cmdb.field.code}) as an argument resolved in the reader's language. */
	public static MessageSourceResolvable key(String code, Object... arguments) {
		return new org.springframework.context.support.DefaultMessageSourceResolvable(new String[] { code }, arguments,
				code);
	}

	/** The texts as one, "a / b / c" in the reader's language. */
	public static MessageSourceResolvable joined(List<? extends MessageSourceResolvable> items) {
		if (items.isEmpty()) {
			return key("cmdb.none");
		}
		MessageSourceResolvable joined = items.get(items.size() - 1);
		for (int i = items.size() - 2; i >= 0; i--) {
			joined = key("cmdb.pair", items.get(i), joined);
		}
		return joined;
	}

}
