package io.opsguard.identity;

import java.io.Serializable;
import java.util.Collection;
import java.util.Set;

/**
 * The organisations whose data a user may see (分级分域): all of them, or an explicit set (their
 * own organisation's subtree, plus listed subtrees).
 */
public record DataScope(boolean all, Set<Long> organisationIds) implements Serializable {

	public DataScope {
		organisationIds = all ? Set.of() : Set.copyOf(organisationIds);
	}

	public static DataScope everything() {
		return new DataScope(true, Set.of());
	}

	public static DataScope of(Collection<Long> organisationIds) {
		return new DataScope(false, Set.copyOf(organisationIds));
	}

	public boolean includes(Long organisationId) {
		return this.all || (organisationId != null && this.organisationIds.contains(organisationId));
	}

	public boolean includesAll(Collection<Long> ids) {
		return this.all || this.organisationIds.containsAll(ids);
	}

}
