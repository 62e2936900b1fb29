package io.opsguard.servicedesk;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The support groups (支持组) for other modules, whatever the reader's scope: alerting's
 * notification routes send to a group's members and escalate to its lead.
 */
public interface SupportGroupDirectory {

	/** Every group, enabled or not, first line first, by name. */
	List<GroupView> all();

	/** A group by id, or empty. */
	Optional<GroupView> find(long id);

	/** The ids of the group's members whose accounts are enabled; empty for an unknown group. */
	Set<Long> members(long groupId);

	/** A support group; {@code leadId} may be null. */
	record GroupView(long id, String name, long organisationId, Long leadId, boolean enabled) {
	}

}
