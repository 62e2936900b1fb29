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

	SupportGroupController(SupportGroups groups) {
		this.groups = groups;
	}

	@GetMapping
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "List support groups", description = "The groups in the caller's scope, first line first.")
	List<Group> list() {
		return this.groups.visible(CurrentUsers.require());
	}

	@PostMapping
	@PreAuthorize("hasAuthority('servicedesk:group:manage')")
	@Operation(summary = "Create a support group",
			description = "A group of line 1 or 2 in an organisation of the caller's scope, with members and a lead.")
	@ErrorResponses(value = { "SD-0007", "SD-0012", "SD-0018", "SD-0019", "SD-0025", "SD-0026", "SD-0027" })
	ResponseEntity<Group> create(@RequestBody GroupInput input) {
		return ResponseEntity.status(HttpStatus.CREATED).body(this.groups.create(CurrentUsers.require(), input));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('servicedesk:group:manage')")
	@Operation(summary = "Change a support group",
			description = "Name, line, organisation, lead, members and whether it receives tickets, with the `version` read.")
	@ErrorResponses(value = { "SD-0007", "SD-0009", "SD-0012", "SD-0018", "SD-0019", "SD-0021", "SD-0025", "SD-0026",
			"SD-0027", "SD-0028" })
	Group update(@PathVariable long id, @RequestBody GroupEdit input) {
		if (input == null) {
			throw new OpsGuardException(ServiceDeskError.NAME_REQUIRED);
		}
		return this.groups.update(CurrentUsers.require(), id,
				new GroupInput(input.name(), input.line(), input.organisationId(), input.leadId(), input.memberIds(),
						input.enabled()),
				input.version());
	}

	/** A group's new state with the version read. */
	record GroupEdit(Integer version, String name, Integer line, Long organisationId, Long leadId, List<Long> memberIds,
			Boolean enabled) {
	}

}
