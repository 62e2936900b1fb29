package io.opsguard.servicedesk.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.identity.Users;
import io.opsguard.servicedesk.SupportGroupDirectory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The support groups as other modules read them ({@link SupportGroupDirectory}), over {@link SupportGroups}. */
@Service
class GroupDirectory implements SupportGroupDirectory {

	private final SupportGroups groups;

	private final Users users;

	GroupDirectory(SupportGroups groups, Users users) {
		this.groups = groups;
		this.users = users;
	}

	@Override
	@Transactional(readOnly = true)
	public List<GroupView> all() {
		return this.groups.all().stream().map(GroupDirectory::view).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<GroupView> find(long id) {
		return this.groups.byId(id).map(GroupDirectory::view);
	}

	@Override
	@Transactional(readOnly = true)
	public Set<Long> members(long groupId) {
		List<Long> ids = this.groups.byId(groupId).map(SupportGroups.Group::memberIds).orElse(List.of());
		Set<Long> enabled = new TreeSet<>();
		if (ids.isEmpty()) {
			return enabled;
		}
		this.users.findAll(ids).values().stream().filter(Users.UserSummary::enabled).forEach(u -> enabled.add(u.id()));
		return enabled;
	}

	private static GroupView view(SupportGroups.Group group) {
		return new GroupView(group.id(), group.name(), group.organisationId(), group.leadId(), group.enabled());
	}

}
