package io.opsguard.servicedesk.web;

import java.util.List;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicedesk.internal.PortalService;
import io.opsguard.servicedesk.internal.TicketService;
import io.opsguard.shared.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The tickets linked to a ticket, for the desk's ticket page (a complaint and the ticket it is about). */
@RestController
@Tag(name = "tickets")
class TicketLinksController {

	private final TicketService tickets;

	private final PortalService portal;

	TicketLinksController(TicketService tickets, PortalService portal) {
		this.tickets = tickets;
		this.portal = portal;
	}

	@GetMapping("/api/v1/tickets/{id}/links")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "A ticket's linked tickets",
			description = "Tickets linked to this one: `kind` COMPLAINT, `direction` OUTGOING (this complaint is about the "
					+ "other ticket) or INCOMING (the other ticket is a complaint about this one). Tickets outside the "
					+ "caller's scope are left out.")
	@ErrorResponses({ "SD-0001" })
	List<LinkedTicket> links(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		this.tickets.get(user, id);
		return this.portal.links(id)
			.stream()
			.filter(link -> user.scope().includes(link.organisationId()))
			.map(link -> new LinkedTicket(link.otherId(), link.number(), link.title(), link.state(), link.kind(),
					link.direction()))
			.toList();
	}

	/** A linked ticket. */
	record LinkedTicket(long id, String number, String title, TicketState state, String kind, String direction) {
	}

}
