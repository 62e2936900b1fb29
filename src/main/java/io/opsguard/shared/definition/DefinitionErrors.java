package io.opsguard.shared.definition;

import io.opsguard.shared.ErrorCode;

/**
 * The module's error codes for the kernel's refusals, so that each module keeps its documented codes.
 * Arguments: {@code unknown} (code), {@code codeTaken} (code), {@code badCode} (code),
 * {@code nameRequired} (none), {@code outOfScope} (none), {@code builtIn} (code), {@code stale}
 * (current version number), {@code inUse} (code, list of uses), {@code unknownVersion} (code, number).
 */
public record DefinitionErrors(ErrorCode unknown, ErrorCode codeTaken, ErrorCode badCode, ErrorCode nameRequired,
		ErrorCode outOfScope, ErrorCode builtIn, ErrorCode stale, ErrorCode inUse, ErrorCode unknownVersion) {
}
