package io.opsguard.servicedesk.web;

import java.util.List;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.internal.TicketWatchers;
import io.opsguard.servicedesk.internal.TicketWatchers.Watcher;
import io.opsguard.shared.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Who follows a ticket (关注) and hears of its every step. */
@RestController
@Tag(name = "tickets")
class TicketWatcherController {

	private final TicketWatchers watchers;

	TicketWatcherController(TicketWatchers watchers) {
		this.watchers = watchers;
	}

	@GetMapping("/api/v1/tickets/{id}/watchers")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Who follows a ticket", description = "The followers with their names, in the order they began.")
	@ErrorResponses({ "SD-0001" })
	List<Watcher> list(@PathVariable long id) {
		return this.watchers.list(CurrentUsers.require(), id);
	}

	@PostMapping("/api/v1/tickets/{id}/watchers")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Follow a ticket",
			description = "`{userId}`: the caller when absent; someone else (an enabled user in the caller's scope) needs "
					+ "servicedesk:ticket:handle. Following twice changes nothing; at most 50 followers. Answers the followers.")
	@ErrorResponses(value = { "SD-0001", "SD-0007", "SD-0018" })
	List<Watcher> add(@PathVariable long id, @RequestBody(required = false) WatcherInput input) {
		return this.watchers.add(CurrentUsers.require(), id, input == null ? null : input.userId());
	}

	@DeleteMapping("/api/v1/tickets/{id}/watchers/{userId}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Stop following a ticket",
			description = "Oneself, or someone else with servicedesk:ticket:handle. Answers the followers.")
	@ErrorResponses(value = { "SD-0001", "SD-0007" })
	List<Watcher> remove(@PathVariable long id, @PathVariable long userId) {
		return this.watchers.remove(CurrentUsers.require(), id, userId);
	}

	record WatcherInput(Long userId) {
	}

}
