package io.opsguard.shared.definition;

import java.time.Instant;

/**
 * A definition as stored: its code and names, the owning organisation (null: platform-wide),
 * whether it is a built-in preset, what it was copied from, the number of its current version,
 * and {@code version}, the optimistic lock every change of the row increments.
 */
public record DefinitionRow(long id, String code, String nameZh, String nameEn, Long organisationId, boolean builtIn,
		String basedOn, int currentVersion, int version, Instant createdAt, Instant updatedAt) {

	/** The name in English or in Chinese. */
	public String name(boolean english) {
		return english ? this.nameEn : this.nameZh;
	}

}
