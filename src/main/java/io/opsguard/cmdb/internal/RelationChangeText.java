package io.opsguard.cmdb.internal;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.StandbyMode;

/**
 * How a CI's history keeps a relation that was added or removed: its type, standby mode and the
 * ids of both ends ({@code RUNS_ON||12|34}), no words and no names, so that each reader sees it in
 * their language and with the names they may see. Entries written before this form are sentences
 * in Chinese and are shown as they are.
 */
public record RelationChangeText(RelationType type, StandbyMode mode, long sourceId, long targetId) {

	private static final Pattern FORM = Pattern.compile("^([A-Z_]+)\\|([A-Z]*)\\|(\\d+)\\|(\\d+)$");

	public static String of(RelationType type, StandbyMode mode, long sourceId, long targetId) {
		return type.name() + "|" + (mode == null ? "" : mode.name()) + "|" + sourceId + "|" + targetId;
	}

	/** The relation a history value names, unless it is an older sentence. */
	public static Optional<RelationChangeText> parse(String value) {
		Matcher m = value == null ? null : FORM.matcher(value);
		if (m == null || !m.matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(new RelationChangeText(RelationType.valueOf(m.group(1)),
					m.group(2).isEmpty() ? null : StandbyMode.valueOf(m.group(2)), Long.parseLong(m.group(3)),
					Long.parseLong(m.group(4))));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
