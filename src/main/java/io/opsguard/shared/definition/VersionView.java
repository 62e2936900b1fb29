package io.opsguard.shared.definition;

import java.time.Instant;

/** A version as people read it: number, note in their language, when, by whom, whether current. */
public record VersionView(int version, String note, Instant createdAt, Long createdBy, String createdByName,
		boolean current) {
}
