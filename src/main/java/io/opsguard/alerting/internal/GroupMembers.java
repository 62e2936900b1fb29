package io.opsguard.alerting.internal;

import java.util.Optional;
import java.util.Set;

/**
 * The support groups a route may name, and who is in them (until duty rosters say who is on duty,
 * a group is told through its members).
 */
interface GroupMembers {

	/** A group by id, or empty. */
	Optional<Group> find(long id);

	/** The ids of the group's members whose accounts are enabled; empty for an unknown group. */
	Set<Long> members(long groupId);

	/** A support group. */
	record Group(long id, String name, boolean enabled) {
	}

}
