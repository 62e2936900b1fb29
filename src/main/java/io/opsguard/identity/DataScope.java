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

	/**
	 * The SQL condition restricting {@code column} (an organisation id) to this scope: nothing for
	 * all, otherwise an {@code IN} list of literal ids — they are numbers, so safe to inline, and
	 * databases evaluate a constant list as a set instead of comparing parameter by parameter.
	 */
	public String sqlCondition(String column) {
		if (this.all) {
			return "1 = 1";
		}
		if (this.organisationIds.isEmpty()) {
			return "1 = 0";
		}
		StringBuilder sql = new StringBuilder(column).append(" in (");
		boolean first = true;
		for (Long id : new java.util.TreeSet<>(this.organisationIds)) {
			if (!first) {
				sql.append(',');
			}
			sql.append(id.longValue());
			first = false;
		}
		return sql.append(')').toString();
	}

}
