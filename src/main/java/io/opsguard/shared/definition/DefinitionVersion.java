package io.opsguard.shared.definition;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One immutable version of a definition: its number, content, what the content resolved to when
 * it was written ({@link DefinitionType#derive}, null for types that derive nothing), the note (a
 * system note key with arguments, or what a person typed) and who wrote it when (null: the system).
 */
public record DefinitionVersion<D>(int number, D content, JsonNode derived, String note, Instant createdAt,
		Long createdBy) {
}
