package io.opsguard.shared.definition;

import java.util.Collection;

/**
 * Narrows a list: {@code q} in code or names (case-insensitive), built-in or not, and a set of
 * codes (a module's own grouping of presets). Null: no condition.
 */
public record DefinitionFilter(String q, Boolean builtIn, Collection<String> codes) {

	public static DefinitionFilter none() {
		return new DefinitionFilter(null, null, null);
	}

}
