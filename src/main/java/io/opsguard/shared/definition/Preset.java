package io.opsguard.shared.definition;

/**
 * A built-in definition: read-only, platform-wide, re-synchronised at every start (a release that
 * changes a preset gives it a new version). {@code note} is the system note of its first version,
 * usually where it comes from ({@link io.opsguard.shared.SystemNotes#of}).
 */
public record Preset<D>(String code, String nameZh, String nameEn, D content, String note) {
}
