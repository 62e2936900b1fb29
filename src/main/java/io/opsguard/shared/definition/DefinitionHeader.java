package io.opsguard.shared.definition;

import java.time.Instant;

/**
 * What every definition shows in a list and atop its page, in the reader's language: code and
 * names ({@code name} in the request's language), owning organisation, whether built in, what it
 * was copied from, the number of the current version, and {@code version}, the lock an update
 * sends back. Modules add their own fields next to these ({@code @JsonUnwrapped}).
 */
public record DefinitionHeader(String code, String nameZh, String nameEn, String name, Long organisationId,
		String organisationName, boolean builtIn, String basedOn, String basedOnName, int currentVersion, int version,
		Instant createdAt, Instant updatedAt) {
}
