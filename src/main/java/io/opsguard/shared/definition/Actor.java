package io.opsguard.shared.definition;

import java.util.Set;
import java.util.TreeSet;

/**
 * Who asks: a user (null: the system) and the organisations whose definitions they may see and
 * manage — every organisation, or a set (their subtree and those granted). Platform-wide definitions
 * (no organisation) are seen by everyone and managed only by someone with every organisation.
 */
public record Actor(Long userId, boolean allOrganisations, Set<Long> organisationIds) {

	public Actor {
		organisationIds = allOrganisations ? Set.of() : Set.copyOf(organisationIds);
	}

	public static Actor system() {
		return new Actor(null, true, Set.of());
	}

	/** Whether the actor's organisations include this one (null: platform-wide). */
	public boolean includes(Long organisationId) {
		return this.allOrganisations || (organisationId != null && this.organisationIds.contains(organisationId));
	}

	/** Whether a definition of this organisation (null: platform-wide) is visible. */
	public boolean sees(Long organisationId) {
		return organisationId == null || includes(organisationId);
	}

	/** The SQL condition on an organisation column for the definitions this actor sees. */
	String sqlCondition(String column) {
		if (this.allOrganisations) {
			return "1 = 1";
		}
		StringBuilder sql = new StringBuilder("(").append(column).append(" is null");
		if (!this.organisationIds.isEmpty()) {
			sql.append(" or ").append(column).append(" in (");
			boolean first = true;
			for (Long id : new TreeSet<>(this.organisationIds)) {
				sql.append(first ? "" : ",").append(id.longValue());
				first = false;
			}
			sql.append(')');
		}
		return sql.append(')').toString();
	}

}
