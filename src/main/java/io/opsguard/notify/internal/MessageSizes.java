package io.opsguard.notify.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps messages within a channel's size limit, counted in UTF-8 bytes as the robots count them
 * (WeCom: 4,096 bytes of Markdown): a long message is split into parts, preferably at line
 * breaks and never inside a character, or cut short with a note that the rest is in the system.
 * A message is never refused for its size.
 */
final class MessageSizes {

	/** Bytes kept free in each part for its "(2/3)" mark. */
	static final int PART_MARK_RESERVE = 16;

	private MessageSizes() {
	}

	static int bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

	/**
	 * The text in parts of at most {@code maxBytes} UTF-8 bytes each, marks included: one part when
	 * it fits, otherwise parts beginning "(i/n) ".
	 */
	static List<String> split(String text, int maxBytes) {
		if (bytes(text) <= maxBytes) {
			return List.of(text);
		}
		List<String> chunks = chunks(text, maxBytes - PART_MARK_RESERVE);
		List<String> parts = new ArrayList<>(chunks.size());
		for (int i = 0; i < chunks.size(); i++) {
			parts.add("(" + (i + 1) + "/" + chunks.size() + ") " + chunks.get(i));
		}
		return parts;
	}

	/** The text cut to at most {@code maxBytes} UTF-8 bytes, ending with {@code note} when cut. */
	static String truncate(String text, int maxBytes, String note) {
		if (bytes(text) <= maxBytes) {
			return text;
		}
		int room = Math.max(0, maxBytes - bytes(note));
		return prefixWithin(text, room) + note;
	}

	/** Pieces of at most {@code limit} bytes, cut after a line break where one lies in the piece. */
	private static List<String> chunks(String text, int limit) {
		List<String> chunks = new ArrayList<>();
		String rest = text;
		while (bytes(rest) > limit) {
			String piece = prefixWithin(rest, limit);
			int newline = piece.lastIndexOf('\n');
			if (newline > piece.length() / 3) {
				piece = piece.substring(0, newline + 1);
			}
			chunks.add(piece.stripTrailing());
			rest = rest.substring(piece.length()).stripLeading();
		}
		if (!rest.isEmpty()) {
			chunks.add(rest);
		}
		return chunks;
	}

	/** The longest prefix of whole code points within {@code limit} UTF-8 bytes. */
	static String prefixWithin(String text, int limit) {
		int used = 0;
		int end = 0;
		while (end < text.length()) {
			int codePoint = text.codePointAt(end);
			int size = codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
			if (used + size > limit) {
				break;
			}
			used += size;
			end += Character.charCount(codePoint);
		}
		return text.substring(0, end);
	}

}
