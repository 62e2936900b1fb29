package io.opsguard.servicedesk.web;

import java.time.Instant;
import java.util.List;

import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicedesk.internal.TicketLinks;
import io.opsguard.servicedesk.internal.TicketLinks.Link;
import io.opsguard.servicedesk.internal.TicketLinks.NewLink;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.ErrorResponses;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Links between tickets (关联工单): related tickets, duplicates, parent and child tickets, tickets
 * caused by another, and a complaint and the ticket it is about.
 */
@RestController
@Tag(name = "tickets")
class TicketLinksController {

	private final TicketLinks links;

	TicketLinksController(TicketLinks links) {
		this.links = links;
	}

	@GetMapping("/api/v1/tickets/{id}/links")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "A ticket's linked tickets",
			description = "Each link from this ticket's point of view: the other ticket (`id`, `number`, `title`, `state`, "
					+ "`type`), the stored `kind` (RELATED, DUPLICATE, PARENT, CAUSED_BY, COMPLAINT) and `direction` "
					+ "(OUTGOING: this ticket <kind> the other; INCOMING: the other <kind> this one), and the `role` the other "
					+ "ticket plays for this one: PARENT, CHILD, ORIGINAL (this ticket duplicates it), DUPLICATE, CAUSE (this "
					+ "ticket was caused by it), EFFECT, RELATED, COMPLAINED_TICKET (this complaint is about it), COMPLAINT. "
					+ "`removable` is false for complaint links. Tickets outside the caller's scope are left out.")
	@ErrorResponses({ "SD-0001" })
	List<LinkedTicket> list(@PathVariable long id) {
		return views(this.links.list(CurrentUsers.require(), id));
	}

	@PostMapping("/api/v1/tickets/{id}/links")
	@PreAuthorize("hasAuthority('servicedesk:ticket:handle')")
	@Operation(summary = "Link a ticket to another",
			description = "`{otherNumber, kind}` or `{otherId, kind}`; `kind` from this ticket's side: RELATED, DUPLICATE "
					+ "(this ticket duplicates the other), PARENT (this ticket is the other's parent), CHILD (this ticket is "
					+ "the other's child) or CAUSED_BY (this ticket was caused by the other). The other ticket must be in the "
					+ "caller's scope. Refused: a link to itself, an unknown ticket, a link of the same kind between the two "
					+ "already (either way round), a second parent, a cycle of parents, and COMPLAINT (made by the portal). "
					+ "Written into both tickets' history and audited. Answers this ticket's links.")
	@ErrorResponses(value = { "SD-0001", "SD-0058", "SD-0059", "SD-0060" },
			fields = { "SD-0054", "SD-0055", "SD-0056", "SD-0057", "SD-0061" })
	ResponseEntity<List<LinkedTicket>> add(@PathVariable long id, @RequestBody NewLink input) {
		return ResponseEntity.status(HttpStatus.CREATED).body(views(this.links.add(CurrentUsers.require(), id, input)));
	}

	@DeleteMapping("/api/v1/tickets/{id}/links/{otherId}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:handle')")
	@Operation(summary = "Remove a link between two tickets",
			description = "Removes the link of `kind` (RELATED, DUPLICATE, PARENT or CHILD, CAUSED_BY) between this ticket "
					+ "and ticket `otherId`, whichever of the two it was made from. Complaint links cannot be removed. Written "
					+ "into both tickets' history and audited. Answers this ticket's links.")
	@ErrorResponses(value = { "SD-0001", "SD-0062" }, fields = { "SD-0054", "SD-0061" })
	List<LinkedTicket> remove(@PathVariable long id, @PathVariable long otherId, @RequestParam(required = false) String kind) {
		return views(this.links.remove(CurrentUsers.require(), id, otherId, kind));
	}

	private static List<LinkedTicket> views(List<Link> links) {
		return links.stream()
			.map(l -> new LinkedTicket(l.otherId(), l.number(), l.title(), l.state(), l.type(), l.kind().name(),
					l.direction().name(), l.role().name(), l.removable(), l.createdAt(), l.createdBy(), l.createdByName()))
			.toList();
	}

	/** A linked ticket as this ticket sees it. */
	record LinkedTicket(long id, String number, String title, TicketState state, TicketType type, String kind,
			String direction, String role, boolean removable, Instant createdAt, Long createdBy, String createdByName) {
	}

}
