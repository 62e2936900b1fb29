package io.opsguard.servicedesk.web;

import java.util.List;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.ServiceDeskError;
import io.opsguard.servicedesk.internal.SupportGroups;
import io.opsguard.servicedesk.internal.SupportGroups.Group;
import io.opsguard.servicedesk.internal.SupportGroups.GroupInput;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Support groups (一线/二线): who receives tickets. */
@RestController
@RequestMapping("/api/v1/support-groups")
@Tag(name = "support-groups", description = "First- and second-line support groups and their members.")
class SupportGroupController {

	private final SupportGroups groups;

	private final io.opsguard.identity.Users users;

	SupportGroupController(SupportGroups groups, io.opsguard.identity.Users users) {
		this.groups = groups;
		this.users = users;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "List support groups",
			description = "The groups in the caller's scope, first line first, with their members' names (`members`), "
					+ "so that agents can dispatch to a person without reading the user directory.")
	List<GroupView> list() {
		return views(this.groups.visible(CurrentUsers.require()));
	}

	private List<GroupView> views(List<Group> groups) {
		java.util.Map<Long, String> names = this.users
			.displayNames(groups.stream().flatMap(g -> g.memberIds().stream()).distinct().toList());
		return groups.stream()
			.map(g -> new GroupView(g.id(), g.name(), g.line(), g.organisationId(), g.leadId(), g.enabled(), g.version(),
					g.memberIds(), g.memberIds().stream().map(id -> new Member(id, names.get(id))).toList()))
			.toList();
	}

	/** A group with its members' ids and names. */
	record GroupView(long id, String name, int line, long organisationId, Long leadId, boolean enabled, int version,
			List<Long> memberIds, List<Member> members) {
	}

	record Member(long id, String name) {
	}

	@PostMapping
	@PreAuthorize("hasAuthority('servicedesk:group:manage')")
	@Operation(summary = "Create a support group",
			description = "A group of line 1 or 2 in an organisation of the caller's scope, with members and a lead.")
	@ErrorResponses(value = { "SD-0007", "SD-0012", "SD-0018", "SD-0019", "SD-0025", "SD-0026", "SD-0027" })
	ResponseEntity<GroupView> create(@RequestBody GroupInput input) {
		return ResponseEntity.status(HttpStatus.CREATED).body(views(List.of(this.groups.create(CurrentUsers.require(), input))).get(0));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('servicedesk:group:manage')")
	@Operation(summary = "Change a support group",
			description = "Name, line, organisation, lead, members and whether it receives tickets, with the `version` read.")
	@ErrorResponses(value = { "SD-0007", "SD-0009", "SD-0012", "SD-0018", "SD-0019", "SD-0021", "SD-0025", "SD-0026",
			"SD-0027", "SD-0028" })
	GroupView update(@PathVariable long id, @RequestBody GroupEdit input) {
		if (input == null) {
			throw new OpsGuardException(ServiceDeskError.NAME_REQUIRED);
		}
		return views(List.of(this.groups.update(CurrentUsers.require(), id,
				new GroupInput(input.name(), input.line(), input.organisationId(), input.leadId(), input.memberIds(),
						input.enabled()),
				input.version()))).get(0);
	}

	/** A group's new state with the version read. */
	record GroupEdit(Integer version, String name, Integer line, Long organisationId, Long leadId, List<Long> memberIds,
			Boolean enabled) {
	}

}
