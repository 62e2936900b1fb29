package io.opsguard.cmdb.internal;

import java.util.List;
import java.util.Set;

/** The fields every CI has, in the order of forms, exports and import templates. */
public final class CiInputFields {

	public static final List<String> ORDERED = List.of("code", "name", "organisationId", "ownerId", "status", "importance",
			"location", "vendor", "model", "serialNumber", "contract", "tags", "notes");

	/** Attribute codes may not shadow these. */
	static final Set<String> CORE = Set.copyOf(ORDERED);

	/** The fields only physical assets (hardware classes) have. */
	public static final Set<String> ASSET = Set.of("vendor", "model", "serialNumber", "contract");

	private CiInputFields() {
	}

}
