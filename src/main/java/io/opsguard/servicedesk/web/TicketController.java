package io.opsguard.servicedesk.web;

import java.util.List;
import java.util.Map;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.servicedesk.TicketAction;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicedesk.internal.ServiceDeskError;
import io.opsguard.servicedesk.internal.TicketRow;
import io.opsguard.servicedesk.internal.TicketService;
import io.opsguard.servicedesk.internal.TicketService.ActionInput;
import io.opsguard.servicedesk.internal.TicketService.NewTicket;
import io.opsguard.servicedesk.internal.TicketService.Queue;
import io.opsguard.servicedesk.internal.TicketService.TicketEdit;
import io.opsguard.servicedesk.internal.TicketService.TicketFilter;
import io.opsguard.servicedesk.internal.TicketStore;
import io.opsguard.servicedesk.internal.TicketTimers;
import io.opsguard.servicedesk.internal.TimerStore;
import io.opsguard.servicedesk.web.TicketViews.TicketView;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.OpsGuardException;
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
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tickets (工单, R-DSK-01..03): recorded from any channel, worked through their lifecycle by actions,
 * with SLA timers measured in working time.
 */
@RestController
@RequestMapping("/api/v1/tickets")
@Tag(name = "tickets",
		description = "Service-desk tickets: incidents, service requests, consultations, complaints and requirements, "
				+ "their lifecycle actions, SLA timers, history and comments. Scoped by the requester's organisation.")
class TicketController {

	static final Map<String, String> SORTABLE = Map.of("reportedAt", "t.reported_at", "dueAt", "t.due_at",
			"number", "t.number", "faultLevel", "t.fault_level", "state", "t.state", "updatedAt", "t.updated_at");

	private final TicketService tickets;

	private final TicketViews views;

	private final io.opsguard.identity.Users users;

	private final TicketSpreadsheet spreadsheet;

	TicketController(TicketService tickets, TicketViews views, io.opsguard.identity.Users users,
			TicketSpreadsheet spreadsheet) {
		this.spreadsheet = spreadsheet;
		this.tickets = tickets;
		this.views = views;
		this.users = users;
	}

	@PostMapping
	@PreAuthorize("hasAuthority('servicedesk:ticket:create')")
	@Operation(summary = "Record a ticket",
			description = "Records a ticket from any channel with a requester (a user) or a contact without an account. "
					+ "`reportedAt` may lie up to 30 days in the past (a call recorded afterwards), never in the future; "
					+ "SLA timers start from it. `acceptNow` accepts and answers it at once (an agent on the phone). "
					+ "Raised from the service catalogue, `catalogueItemId` names the item and `formValues` holds its "
					+ "form's values by field key; the item gives the type, and a title and category when none is given.")
	@ErrorResponses(value = { "SD-0003", "SD-0004", "SD-0005", "SD-0006", "SD-0007", "SD-0008", "SD-0010", "SD-0018",
			"SD-0023", "SD-0024", "SD-0027", "SD-0035", "SD-0036", "SD-0037", "SD-0040" })
	ResponseEntity<TicketView> create(@RequestBody NewTicket input) {
		CurrentUser user = CurrentUsers.require();
		TicketRow ticket = this.tickets.create(user, input);
		return ResponseEntity.status(HttpStatus.CREATED).body(this.views.full(user, ticket));
	}

	@GetMapping
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "List tickets",
			description = "One page of a queue (`MINE`, `MY_GROUPS`, `UNASSIGNED`, `DUE_SOON`, `BREACHED`, `OPEN`, `ALL`) "
					+ "filtered by type, state, fault level, business system and text (number or words of the title); "
					+ "sortable by reportedAt, dueAt, number, faultLevel, state and updatedAt.")
	PageResult<TicketView> list(@RequestParam(required = false) Queue queue,
			@RequestParam(required = false) TicketType type, @RequestParam(required = false) TicketState state,
			@RequestParam(required = false) Integer faultLevel, @RequestParam(required = false) Long businessSystemId,
			@RequestParam(required = false) String q, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		CurrentUser user = CurrentUsers.require();
		// newest first by default; a chosen order is broken by id alone, so that the queues' indexes serve it
		PageQuery paging = sort == null || sort.isBlank() ? PageQuery.of(page, size, null, SORTABLE, "t.reported_at desc, t.id desc")
				: PageQuery.of(page, size, sort, SORTABLE, "t.id");
		PageResult<TicketRow> rows = this.tickets.list(user,
				new TicketFilter(queue, type, state, faultLevel, businessSystemId, q), paging);
		return new PageResult<>(this.views.list(user, rows.items()), rows.total(), rows.page(), rows.size());
	}

	@GetMapping("/export.xlsx")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Export tickets",
			description = "The tickets of a queue or search (the same filters and order as the list, at most 10,000) "
					+ "as an xlsx workbook in the request's language: with `type=REQUIREMENT` the requirement list "
					+ "handed to the client (R-DSK-13). Audited.")
	ResponseEntity<byte[]> export(@RequestParam(required = false) Queue queue,
			@RequestParam(required = false) TicketType type, @RequestParam(required = false) TicketState state,
			@RequestParam(required = false) Integer faultLevel, @RequestParam(required = false) Long businessSystemId,
			@RequestParam(required = false) String q, @RequestParam(required = false) String sort) {
		CurrentUser user = CurrentUsers.require();
		PageQuery order = sort == null || sort.isBlank() ? PageQuery.of(1, 20, null, SORTABLE, "t.reported_at desc, t.id desc")
				: PageQuery.of(1, 20, sort, SORTABLE, "t.id");
		List<TicketRow> rows = this.tickets.export(user,
				new TicketFilter(queue, type, state, faultLevel, businessSystemId, q), order, EXPORT_LIMIT);
		java.util.Locale locale = org.springframework.context.i18n.LocaleContextHolder.getLocale();
		byte[] body = this.spreadsheet.write(user, this.views.list(user, rows), locale);
		return ResponseEntity.ok()
			.header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
					io.opsguard.shared.Downloads.attachment(this.spreadsheet.fileName(type == TicketType.REQUIREMENT, locale)))
			.contentType(org.springframework.http.MediaType.parseMediaType(io.opsguard.shared.Downloads.XLSX))
			.body(body);
	}

	/** The most tickets one spreadsheet holds. */
	static final int EXPORT_LIMIT = 10_000;

	@GetMapping("/queues")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Queue counts", description = "How many tickets each queue holds for the caller.")
	Map<Queue, Long> queues() {
		return this.tickets.queueCounts(CurrentUsers.require());
	}

	@GetMapping("/{id}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Read a ticket",
			description = "A ticket with `slaTimers` (metric, state, target, due time, elapsed working time, breached) "
					+ "and the actions its state allows.")
	@ErrorResponses({ "SD-0001" })
	TicketView get(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return this.views.full(user, this.tickets.get(user, id));
	}

	@GetMapping("/by-number/{number}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "Read a ticket by its number", description = "The ticket numbered e.g. `GZ-20261206-0007`.")
	@ErrorResponses({ "SD-0001" })
	TicketView byNumber(@PathVariable String number) {
		CurrentUser user = CurrentUsers.require();
		return this.views.full(user, this.tickets.getByNumber(user, number));
	}

	@PutMapping("/{id}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:handle')")
	@Operation(summary = "Change a ticket",
			description = "Title, description, category, fault level, business system and CIs, with the `version` read. "
					+ "A new fault level or system gives the SLA timers new targets; the time counted stays and the "
					+ "reason is recorded.")
	@ErrorResponses(value = { "SD-0001", "SD-0004", "SD-0005", "SD-0008", "SD-0009", "SD-0010", "SD-0018", "SD-0021" })
	TicketView edit(@PathVariable long id, @RequestBody TicketEdit input) {
		CurrentUser user = CurrentUsers.require();
		return this.views.full(user, this.tickets.edit(user, id, input));
	}

	@PostMapping("/{id}/actions/{action}")
	@PreAuthorize("hasAuthority('servicedesk:ticket:handle')")
	@Operation(summary = "Act on a ticket",
			description = "One lifecycle action, named by a lower-case verb: accept, respond, dispatch, start, pause, "
					+ "resume, escalate, hand-back, resolve, feedback, rate, close, reopen. The body carries the `version` "
					+ "read and what the action needs (dispatch: groupId and assigneeId; escalate: a comment and, for "
					+ "incidents, the second-line groupId; pause, feedback, reopen: a comment; hand-back: a comment and "
					+ "`supportMode` PHONE, ONSITE or REMOTE, how the second line helped; resolve: solution "
					+ "and, for incidents, cause; rate: rating 1–5). An action the state does not allow answers 409 with "
					+ "`allowedActions`.")
	@ErrorResponses(value = { "SD-0001", "SD-0002", "SD-0009", "SD-0011", "SD-0012", "SD-0013", "SD-0014", "SD-0015",
			"SD-0016", "SD-0018", "SD-0020", "SD-0021", "SD-0022", "SD-0051", "SD-0069" })
	TicketView act(@PathVariable long id, @PathVariable String action, @RequestBody ActionInput input) {
		CurrentUser user = CurrentUsers.require();
		TicketAction verb = TicketAction.ofVerb(action)
			.orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_ACTION, action));
		return this.views.full(user, this.tickets.act(user, id, verb, input));
	}

	@GetMapping("/{id}/history")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "A ticket's history",
			description = "Every action with who (`userId`, `userName`), when, the states and the comment.")
	@ErrorResponses({ "SD-0001" })
	List<HistoryEntry> history(@PathVariable long id) {
		TicketRow ticket = this.tickets.get(CurrentUsers.require(), id);
		List<TicketStore.EventRow> events = this.tickets.history(ticket.id);
		Map<Long, String> names = this.users.displayNames(
				events.stream().map(TicketStore.EventRow::userId).filter(java.util.Objects::nonNull).toList());
		return events.stream()
			.map(e -> new HistoryEntry(e.id(), e.at(), e.userId(), e.userId() == null ? null : names.get(e.userId()),
					e.action(), e.from(), e.to(), e.comment(), e.detailKey(), e.detailArgs()))
			.toList();
	}

	@GetMapping("/{id}/timers")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "A ticket's timers replayed",
			description = "Each timer's log (start, pause, resume, stop, new target, restart) with the working time "
					+ "counted at each event, and the warnings, breaches and escalations told of it (`alerts`, "
					+ "`late` when told after downtime): the timeline of the ticket page.")
	@ErrorResponses({ "SD-0001" })
	List<TimerTimeline> timers(@PathVariable long id) {
		TicketRow ticket = this.tickets.get(CurrentUsers.require(), id);
		Map<Long, List<TimerStore.AlertRow>> alerts = this.tickets.alerts(ticket.id);
		return this.tickets.timers(ticket.id)
			.stream()
			.map(reading -> timeline(reading, alerts.getOrDefault(reading.timer().id(), List.of())))
			.toList();
	}

	@GetMapping("/{id}/comments")
	@PreAuthorize("hasAuthority('servicedesk:ticket:read')")
	@Operation(summary = "A ticket's comments", description = "Comments and internal notes, oldest first.")
	@ErrorResponses({ "SD-0001" })
	List<CommentView> comments(@PathVariable long id) {
		TicketRow ticket = this.tickets.get(CurrentUsers.require(), id);
		return comments(this.tickets.comments(ticket.id));
	}

	@PostMapping("/{id}/comments")
	@PreAuthorize("hasAuthority('servicedesk:ticket:handle')")
	@Operation(summary = "Comment on a ticket",
			description = "A comment the requester sees (`visibleToRequester`, which restarts the progress-update clock) "
					+ "or an internal note.")
	@ErrorResponses(value = { "SD-0001", "SD-0013", "SD-0018" })
	ResponseEntity<CommentView> comment(@PathVariable long id, @RequestBody NewComment input) {
		TicketStore.CommentRow comment = this.tickets.comment(CurrentUsers.require(), id, input.body(),
				Boolean.TRUE.equals(input.visibleToRequester()));
		return ResponseEntity.status(HttpStatus.CREATED).body(comments(List.of(comment)).get(0));
	}

	private List<CommentView> comments(List<TicketStore.CommentRow> rows) {
		Map<Long, String> names = this.users.displayNames(
				rows.stream().map(TicketStore.CommentRow::authorId).filter(java.util.Objects::nonNull).toList());
		return rows.stream()
			.map(c -> new CommentView(c.id(), c.authorId(), c.authorId() == null ? null : names.get(c.authorId()), c.at(),
					c.body(), c.visibleToRequester()))
			.toList();
	}

	private static TimerTimeline timeline(TicketTimers.Reading reading, List<TimerStore.AlertRow> alerts) {
		return new TimerTimeline(reading.timer().id(), reading.timer().metric().name(), reading.timer().groupId(),
				reading.log().calendar().code(), reading.log().calendar().version(),
				reading.log().timeline()
					.stream()
					.map(step -> new TimelineStep(step.event().kind().name(), step.event().at(), step.event().reason(),
							step.target().toString(), step.elapsed().toString()))
					.toList(),
				alerts);
	}

	/** An entry of a ticket's history, with the name of who acted. */
	record HistoryEntry(long id, java.time.Instant at, Long userId, String userName, String action, TicketState from,
			TicketState to, String comment, String detailKey, String detailArgs) {
	}

	/** A comment with its author's name; {@code visibleToRequester} false: an internal note. */
	record CommentView(long id, Long authorId, String authorName, java.time.Instant at, String body,
			boolean visibleToRequester) {
	}

	/** A comment to write. */
	record NewComment(String body, Boolean visibleToRequester) {
	}

	/** A timer's log with the time counted at each event. */
	record TimerTimeline(long id, String metric, Long groupId, String calendarCode, int calendarVersion,
			List<TimelineStep> steps, List<TimerStore.AlertRow> alerts) {
	}

	record TimelineStep(String kind, java.time.Instant at, String reason, String target, String elapsed) {
	}

}
