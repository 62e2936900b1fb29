package io.opsguard.shared;

import java.util.List;

import org.springframework.context.MessageSourceResolvable;
import org.springframework.context.support.DefaultMessageSourceResolvable;

/**
 * Texts whose words depend on the reader's language, to pass as message arguments: Spring's
 * message source renders a {@link MessageSourceResolvable} argument in the language of the
 * message, so an error or a note that names things reads right in Chinese and in English.
 */
public final class Texts {

	private Texts() {
	}

	/** A name kept in both languages ({@code text.name} picks {0} in Chinese, {1} in English). */
	public static MessageSourceResolvable name(String nameZh, String nameEn) {
		return new DefaultMessageSourceResolvable(new String[] { "text.name" }, new Object[] { nameZh, nameEn },
				nameZh);
	}

	/** A text of the message {@code key} with its arguments. */
	public static MessageSourceResolvable of(String key, Object... args) {
		return new DefaultMessageSourceResolvable(new String[] { key }, args, key);
	}

	/**
	 * Items joined with the language's list separator ({@code text.list}: "甲、乙" / "A, B"). Items may
	 * be texts themselves.
	 */
	public static Object list(List<?> items) {
		if (items.isEmpty()) {
			return "";
		}
		Object joined = items.get(items.size() - 1);
		for (int i = items.size() - 2; i >= 0; i--) {
			joined = new DefaultMessageSourceResolvable(new String[] { "text.list" }, new Object[] { items.get(i), joined },
					items.get(i) + ", " + joined);
		}
		return joined;
	}

}
