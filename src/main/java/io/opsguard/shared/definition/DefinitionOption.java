package io.opsguard.shared.definition;

/** A definition in a picker: code, names ({@code name} in the request's language), built in, owner. */
public record DefinitionOption(String code, String name, String nameZh, String nameEn, boolean builtIn,
		Long organisationId) {
}
