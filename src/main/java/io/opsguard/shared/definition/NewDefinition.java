package io.opsguard.shared.definition;

/**
 * A new definition: code, names, owning organisation (null: platform-wide), and either a content,
 * or {@code basedOn} (copy the current content of that definition), or neither (the type's blank
 * content); a copy given a content keeps {@code basedOn} as its origin. {@code note} is the first
 * version's note (optional).
 */
public record NewDefinition<D>(String code, String nameZh, String nameEn, Long organisationId, String basedOn,
		D content, String note) {
}
