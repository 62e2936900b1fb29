package io.opsguard.monitoring.template;

import java.util.List;

/**
 * A parameter a monitor of this type is configured with.
 *
 * @param key the key collectors read it by
 * @param type its kind
 * @param label what the form calls it
 * @param help an optional hint under the field
 * @param required whether a monitor must set it
 * @param defaultValue the value used when it is not set, or null
 * @param options the allowed values of a {@link ParameterType#CHOICE}
 * @param min the smallest number allowed, or null
 * @param max the largest number allowed, or null
 * @param showWhen only shown (and only required) when another parameter has a value, e.g.
 * {@code version=v3}; null for always
 */
public record ParameterDefinition(String key, ParameterType type, LocalizedText label, LocalizedText help,
		boolean required, Object defaultValue, List<Option> options, Long min, Long max, Condition showWhen) {

	public ParameterDefinition {
		options = options == null ? List.of() : List.copyOf(options);
	}

	/** One choice of a {@link ParameterType#CHOICE}. */
	public record Option(String value, LocalizedText label) {
	}

	/** Another parameter's key and the value it must have. */
	public record Condition(String key, String value) {
	}

}
