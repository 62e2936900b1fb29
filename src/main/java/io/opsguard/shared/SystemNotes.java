package io.opsguard.shared;

import java.util.Arrays;
import java.util.Locale;

import org.springframework.context.MessageSource;

/**
 * Notes the system writes into stored records (a version's "copied from 5x8", a preset's source)
 * are kept as a message key with arguments and shown in the reader's language; notes people type
 * are kept as typed. A stored system note is {@code @key|arg|arg}; its text is the message
 * {@code note.<key>}.
 */
public final class SystemNotes {

	private static final String PREFIX = "@";

	private SystemNotes() {
	}

	/** A system note for the message {@code note.<key>}. */
	public static String of(String key, String... args) {
		return PREFIX + key + (args.length == 0 ? "" : "|" + String.join("|", args));
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
		Object[] args = Arrays.copyOfRange(parts, 1, parts.length);
		return messages.getMessage("note." + parts[0], args, note.substring(1), locale);
	}

}
