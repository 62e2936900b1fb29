package io.opsguard.servicedesk.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicedesk.internal.ReturnVisits;
import io.opsguard.servicedesk.internal.ReturnVisits.Method;
import io.opsguard.servicedesk.internal.ReturnVisits.Visit;
import io.opsguard.servicedesk.internal.ReturnVisits.VisitInput;
import io.opsguard.servicedesk.internal.SupportGroups;
import io.opsguard.servicedesk.internal.TicketRow;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** 回访 (R-DSK-11): return visits to the requesters of resolved tickets, and the tickets still to visit. */
@RestController
@PreAuthorize("hasAuthority('servicedesk:ticket:handle')")
@Tag(name = "return-visits", description = "Return visits (回访) after a ticket is resolved: how, whom, how satisfied, "
		+ "what was said, whether to follow up. Scoped by the ticket's organisation.")
class ReturnVisitController {

	private static final Map<String, String> SORTABLE = Map.of("visitedAt", "v.visited_at", "satisfaction", "v.satisfaction");

	private static final Map<String, String> DUE_SORTABLE = Map.of("resolvedAt", "t.resolved_at", "number", "t.number");

	private final ReturnVisits visits;

	private final Users users;

	private final SupportGroups groups;

	ReturnVisitController(ReturnVisits visits, Users users, SupportGroups groups) {
		this.visits = visits;
		this.users = users;
		this.groups = groups;
	}

	@PostMapping("/api/v1/tickets/{id}/return-visits")
	@Operation(summary = "Record a return visit",
			description = "On a resolved or closed ticket: `method` PHONE, ONSITE or IM, `visitedPerson`, `satisfaction` 1–5, "
					+ "`comments`, `followUpNeeded` (the ticket page then suggests reopening), `visitedAt` (default now).")
	@ErrorResponses(value = { "SD-0001", "SD-0015", "SD-0018", "SD-0310", "SD-0311", "SD-0312", "SD-0313", "SD-0314" })
	ResponseEntity<VisitView> record(@PathVariable long id, @RequestBody VisitInput input) {
		CurrentUser user = CurrentUsers.require();
		return ResponseEntity.status(HttpStatus.CREATED).body(views(List.of(this.visits.record(user, id, input))).get(0));
	}

	@GetMapping("/api/v1/tickets/{id}/return-visits")
	@Operation(summary = "A ticket's return visits", description = "Oldest first, with the visitor's name.")
	@ErrorResponses({ "SD-0001" })
	List<VisitView> ofTicket(@PathVariable long id) {
		return views(this.visits.ofTicket(CurrentUsers.require(), id));
	}

	@GetMapping("/api/v1/return-visits")
	@Operation(summary = "List return visits",
			description = "One page of the visits in the caller's scope made from `from` to `to` (days), by `method` and "
					+ "`followUp`; newest first, or sorted by visitedAt or satisfaction.")
	@ErrorResponses({ "SD-0321" })
	PageResult<VisitView> list(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
			@RequestParam(required = false) Method method, @RequestParam(required = false) Boolean followUp,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE,
				sort == null || sort.isBlank() ? "v.visited_at desc, v.id desc" : "v.id desc");
		PageResult<Visit> rows = this.visits.list(CurrentUsers.require(), from, to, method, followUp, paging);
		return new PageResult<>(views(rows.items()), rows.total(), rows.page(), rows.size());
	}

	@GetMapping("/api/v1/return-visits/due")
	@Operation(summary = "Tickets to visit (待回访)",
			description = "One page of the tickets in the caller's scope resolved from `from` to `to` (days; default the "
					+ "last 30) without a return visit, oldest resolution first (or sorted by resolvedAt, number).")
	@ErrorResponses({ "SD-0321" })
	PageResult<DueTicket> due(@RequestParam(required = false) LocalDate from, @RequestParam(required = false) LocalDate to,
			@RequestParam(required = false) Integer page, @RequestParam(required = false) Integer size,
			@RequestParam(required = false) String sort) {
		CurrentUser user = CurrentUsers.require();
		PageQuery paging = PageQuery.of(page, size, sort, DUE_SORTABLE,
				sort == null || sort.isBlank() ? "t.resolved_at, t.id" : "t.id");
		PageResult<TicketRow> rows = this.visits.due(user, from, to, paging);
		Set<Long> people = new HashSet<>();
		rows.items().forEach(t -> {
			if (t.requesterId != null) {
				people.add(t.requesterId);
			}
			if (t.assigneeId != null) {
				people.add(t.assigneeId);
			}
		});
		Map<Long, String> names = this.users.displayNames(people);
		Map<Long, String> groupNames = new java.util.HashMap<>();
		this.groups.visible(user).forEach(g -> groupNames.put(g.id(), g.name()));
		return new PageResult<>(rows.items()
			.stream()
			.map(t -> new DueTicket(t.id, t.number, t.type, t.title, t.state, t.resolvedAt,
					t.requesterId == null ? t.contactName : names.get(t.requesterId), t.contactPhone,
					t.assigneeId == null ? null : names.get(t.assigneeId), t.groupId == null ? null : groupNames.get(t.groupId),
					t.rating))
			.toList(), rows.total(), rows.page(), rows.size());
	}

	private List<VisitView> views(List<Visit> visits) {
		Map<Long, String> names = this.users
			.displayNames(visits.stream().map(Visit::visitorId).filter(Objects::nonNull).toList());
		return visits.stream()
			.map(v -> new VisitView(v.id(), v.ticketId(), v.ticketNumber(), v.ticketTitle(), v.method(), v.visitedPerson(),
					v.satisfaction(), v.comments(), v.followUpNeeded(), v.visitedAt(), v.visitorId(),
					v.visitorId() == null ? null : names.get(v.visitorId()), v.createdAt()))
			.toList();
	}

	/** A return visit with the visitor's name. */
	record VisitView(long id, long ticketId, String ticketNumber, String ticketTitle, Method method, String visitedPerson,
			int satisfaction, String comments, boolean followUpNeeded, Instant visitedAt, Long visitorId, String visitorName,
			Instant createdAt) {
	}

	/** A resolved ticket nobody visited yet, with whom to call and who handled it. */
	record DueTicket(long id, String number, TicketType type, String title, TicketState state, Instant resolvedAt,
			String requesterName, String contactPhone, String assigneeName, String groupName, Integer rating) {
	}

}
