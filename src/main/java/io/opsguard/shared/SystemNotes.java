package io.opsguard.shared;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;
import java.util.stream.Collectors;

import org.springframework.context.MessageSource;

/**
 * Notes the system writes into stored records (a version's "copied from 5x8", a preset's source)
 * are kept as a message key with arguments and shown in the reader's language; notes people type
 * are kept as typed. A stored system note is {@code @key|arg|arg}; its text is the message
 * {@code note.<key>}. An argument made by {@link #list} is shown joined with the reader's list
 * separator ("2025、2026" / "2025, 2026").
 */
public final class SystemNotes {

	private static final String PREFIX = "@";

	/** Separates the items of a list argument (the ASCII unit separator: never typed, never in a key). */
	static final String LIST = "\u001F";

	private SystemNotes() {
	}

	/** A system note for the message {@code note.<key>} (a {@code |} in an argument becomes {@code ｜}). */
	public static String of(String key, String... args) {
		return PREFIX + key + (args.length == 0 ? ""
				: "|" + Arrays.stream(args).map(a -> a == null ? "" : a.replace('|', '｜')).collect(Collectors.joining("|")));
	}

	/** A list argument of a system note. */
	public static String list(Collection<?> items) {
		return items.stream().map(String::valueOf).collect(Collectors.joining(LIST));
	}

	/** A note a person typed: kept as typed (a leading {@code @} is dropped so it never reads as a key). */
	public static String typed(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		String stripped = text.strip();
		while (stripped.startsWith(PREFIX)) {
			stripped = stripped.substring(1);
		}
		return stripped.isBlank() ? null : stripped;
	}

	/** The note as the reader reads it. */
	public static String render(String note, MessageSource messages, Locale locale) {
		if (note == null || !note.startsWith(PREFIX)) {
			return note;
		}
		String[] parts = note.substring(1).split("\\|", -1);
		Object[] args = Arrays.stream(parts, 1, parts.length)
			.map(arg -> arg.contains(LIST) ? Texts.list(Arrays.asList(arg.split(LIST))) : arg)
			.toArray();
		return messages.getMessage("note." + parts[0], args, note.substring(1), locale);
	}

}
