package io.opsguard.shared.definition;

/**
 * A change of a definition: the names, the content (null: unchanged), the {@code version} that
 * was edited (required: optimistic locking) and a note for the new version (optional). Only a
 * changed content makes a new version.
 */
public record DefinitionEdit<D>(String nameZh, String nameEn, D content, Integer version, String note) {
}
