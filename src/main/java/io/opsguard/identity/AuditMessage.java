package io.opsguard.identity;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A summary sentence of an audit entry, stored as a message key and its arguments and rendered in
 * the reader's language when the entry is read: an auditor reading English sees English, whatever
 * the language of the person who acted. Arguments are plain values: whole numbers stay numbers
 * (so that {@code {0,choice,…}} works), everything else is stored as its text.
 *
 * @param key the message key, e.g. {@code audit.summary.locked} (in the module's message file)
 * @param args the arguments of the message, in order
 */
public record AuditMessage(String key, List<Object> args) {

	public AuditMessage {
		Objects.requireNonNull(key, "key");
		args = List.copyOf(args);
	}

	/** A message with its arguments; null arguments are kept as empty text. */
	public static AuditMessage of(String key, Object... args) {
		return new AuditMessage(key, Arrays.stream(args).map(AuditMessage::plain).toList());
	}

	private static Object plain(Object value) {
		if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
			return ((Number) value).longValue();
		}
		return value == null ? "" : value.toString();
	}

}
