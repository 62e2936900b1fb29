package io.opsguard.shared.definition;

import java.time.Instant;

/** A version in the version list: number, note, when and by whom (null: the system), and whether it is current. */
public record VersionInfo(int number, String note, Instant createdAt, Long createdBy, boolean current) {
}
