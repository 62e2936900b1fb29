package io.opsguard.servicedesk.web;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.TicketChannel;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicedesk.internal.FaqEntries;
import io.opsguard.servicedesk.internal.PortalService;
import io.opsguard.servicedesk.internal.PortalService.Report;
import io.opsguard.servicedesk.internal.PortalService.SystemOption;
import io.opsguard.servicedesk.internal.PortalService.TimelineEntry;
import io.opsguard.servicedesk.internal.Satisfaction;
import io.opsguard.servicedesk.internal.TicketRow;
import io.opsguard.servicedesk.internal.TicketStore;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.ErrorResponses;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SelfService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The self-service portal (自助服务门户, R-DSK-12) for the signed-in requester: report a fault or a
 * request, follow one's own tickets (and nobody else's), reply, rate, complain, read the help
 * centre. No service-desk permission is needed: every call concerns the caller's own tickets.
 */
@RestController
@RequestMapping("/api/v1/portal")
@Tag(name = "portal",
		description = "The requester's self-service portal: report, follow one's own tickets, reply, rate, complain, "
				+ "help centre. Separate from the desk's ticket API; needs no permission and shows only the caller's "
				+ "own tickets, and of them only what is meant for the requester.")
class PortalController {

	private static final Map<String, String> SORTABLE = Map.of("reportedAt", "t.reported_at", "updatedAt", "t.updated_at");

	private final PortalService portal;

	private final Satisfaction satisfaction;

	private final FaqEntries faq;

	private final Users users;

	private final ConfigurationItems cmdb;

	private final MessageSource messages;

	private final io.opsguard.servicedesk.internal.TicketAttachments attachments;

	PortalController(io.opsguard.servicedesk.internal.TicketAttachments attachments, PortalService portal, Satisfaction satisfaction, FaqEntries faq, Users users, ConfigurationItems cmdb,
			MessageSource messages) {
		this.attachments = attachments;
		this.portal = portal;
		this.satisfaction = satisfaction;
		this.faq = faq;
		this.users = users;
		this.cmdb = cmdb;
		this.messages = messages;
	}

	@SelfService
	@GetMapping("/systems")
	@Operation(summary = "Business systems to report on",
			description = "The business systems of the caller's organisation and its subordinate organisations, names only.")
	List<SystemOption> systems() {
		return this.portal.systems(CurrentUsers.require());
	}

	@SelfService
	@PostMapping("/tickets")
	@Operation(summary = "Report a fault or a request",
			description = "Type INCIDENT, SERVICE_REQUEST, CONSULTATION, COMPLAINT or REQUIREMENT, a title, a description, "
					+ "optionally the business system (from `/portal/systems`) and a phone number. The caller is the requester, "
					+ "the channel PORTAL; an incident starts at fault level 4 until the desk levels it.")
	@ErrorResponses(value = { "SD-0004", "SD-0008", "SD-0018", "SD-0023" })
	ResponseEntity<PortalTicket> report(@RequestBody Report input) {
		CurrentUser user = CurrentUsers.require();
		TicketRow ticket = this.portal.report(user, input);
		return ResponseEntity.status(HttpStatus.CREATED).body(full(user, ticket));
	}

	@SelfService
	@GetMapping("/tickets")
	@Operation(summary = "My tickets",
			description = "One page of the caller's own tickets, newest first (or sorted by reportedAt, updatedAt); `state` "
					+ "filters by state, `open=true` keeps those not yet resolved and `open=false` the others.")
	PageResult<PortalTicketSummary> mine(@RequestParam(required = false) TicketState state,
			@RequestParam(required = false) Boolean open, @RequestParam(required = false) Integer page,
			@RequestParam(required = false) Integer size, @RequestParam(required = false) String sort) {
		CurrentUser user = CurrentUsers.require();
		PageQuery paging = sort == null || sort.isBlank()
				? PageQuery.of(page, size, null, SORTABLE, "t.reported_at desc, t.id desc")
				: PageQuery.of(page, size, sort, SORTABLE, "t.id desc");
		PageResult<TicketRow> rows = this.portal.mine(user, state, open, paging);
		Set<Long> pending = new HashSet<>(
				this.satisfaction.pendingFor(user.id()).stream().map(Satisfaction.PendingInvitation::ticketId).toList());
		return rows.map(t -> new PortalTicketSummary(t.id, t.number, t.type, t.title, t.state, stateText(t.state), t.reportedAt,
				t.updatedAt, this.portal.allowed(t).contains("rate"), pending.contains(t.id)));
	}

	@SelfService
	@GetMapping("/tickets/{id}")
	@Operation(summary = "One of my tickets",
			description = "The ticket as the requester sees it: its state in words, the solution once resolved, and a "
					+ "`timeline` of state changes and public replies (never the desk's internal notes); `allowed` names "
					+ "what the caller may do now (reply, rate, complain). Another person's ticket answers 404.")
	@ErrorResponses({ "SD-0001" })
	PortalTicket get(@PathVariable long id) {
		CurrentUser user = CurrentUsers.require();
		return full(user, this.portal.mine(user, id));
	}

	@SelfService
	@PostMapping("/tickets/{id}/attachments")
	@Operation(summary = "Attach a screenshot or file to my ticket",
			description = "The multipart part `file`, checked as the desk's uploads are (kind by its bytes, size limit): "
					+ "a screenshot of the fault, say. Another person's ticket answers 404.")
	@ErrorResponses(value = { "SD-0001", "SD-0201", "SD-0202", "SD-0203", "SD-0204", "SD-0207" })
	ResponseEntity<Map<String, Object>> attach(@PathVariable long id,
			@org.springframework.web.bind.annotation.RequestPart(name = "file", required = false)
			org.springframework.web.multipart.MultipartFile file) throws java.io.IOException {
		if (file == null) {
			throw io.opsguard.shared.OpsGuardException.onField("file",
					io.opsguard.servicedesk.internal.AttachmentError.FILE_REQUIRED);
		}
		CurrentUser user = CurrentUsers.require();
		TicketRow ticket = this.portal.mine(user, id);
		io.opsguard.servicedesk.internal.AttachmentRow row;
		try (java.io.InputStream in = file.getInputStream()) {
			row = this.attachments.store(ticket.id, null, file.getOriginalFilename(), in, user.id(), "UPLOAD");
		}
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(Map.of("id", row.id(), "fileName", row.fileName(), "size", row.size()));
	}

	@SelfService
	@PostMapping("/tickets/{id}/replies")
	@Operation(summary = "Reply on my ticket",
			description = "A reply the desk reads among the ticket's comments (visible to the requester). The state stays "
					+ "as it is; a closed ticket takes no replies (open a new one).")
	@ErrorResponses(value = { "SD-0001", "SD-0013", "SD-0018", "SD-0330" })
	ResponseEntity<TimelineView> reply(@PathVariable long id, @RequestBody ReplyInput input) {
		CurrentUser user = CurrentUsers.require();
		TicketStore.CommentRow comment = this.portal.reply(user, id, input.body());
		return ResponseEntity.status(HttpStatus.CREATED)
			.body(new TimelineView("REPLY", comment.at(), null, null, null, user.id(), user.displayName(), true, comment.body()));
	}

	@SelfService
	@PostMapping("/tickets/{id}/rating")
	@Operation(summary = "Rate my ticket",
			description = "A rating 1–5 and an optional comment (up to 1,000 characters), once the ticket is resolved (or "
					+ "feedback was given): the lifecycle's `rate` action, taken by the requester. Answers the ticket's "
					+ "satisfaction invitation.")
	@ErrorResponses(value = { "SD-0001", "SD-0015", "SD-0018", "SD-0303" })
	PortalTicket rate(@PathVariable long id, @RequestBody RatingInput input) {
		CurrentUser user = CurrentUsers.require();
		return full(user, this.portal.rate(user, id, input.rating(), input.comment()));
	}

	@SelfService
	@PostMapping("/tickets/{id}/complaint")
	@Operation(summary = "Complain about my ticket",
			description = "Opens a COMPLAINT ticket with the reason as its description, linked to this ticket (the desk sees "
					+ "the link on both). One open complaint per ticket; answers the new complaint.")
	@ErrorResponses(value = { "SD-0001", "SD-0018", "SD-0308", "SD-0309" })
	ResponseEntity<PortalTicket> complain(@PathVariable long id, @RequestBody ComplaintInput input) {
		CurrentUser user = CurrentUsers.require();
		TicketRow complaint = this.portal.complain(user, id, input.reason(), input.phone());
		return ResponseEntity.status(HttpStatus.CREATED).body(full(user, complaint));
	}

	@SelfService
	@GetMapping("/invitations")
	@Operation(summary = "Tickets waiting for my rating",
			description = "The caller's satisfaction invitations still open (待评价), newest first.")
	List<Satisfaction.PendingInvitation> invitations() {
		return this.satisfaction.pendingFor(CurrentUsers.require().id());
	}

	@SelfService
	@GetMapping("/faq")
	@Operation(summary = "Help centre",
			description = "The published FAQ entries in their order, searched in questions and answers with `q`, filtered "
					+ "by `category`; with the categories in use. Answers are plain text or simple markdown.")
	HelpCentre faq(@RequestParam(required = false) String q, @RequestParam(required = false) String category) {
		return new HelpCentre(this.faq.categories(true),
				this.faq.published(q, category)
					.stream()
					.map(e -> new HelpEntry(e.id(), e.question(), e.answer(), e.category(), e.businessSystemId(),
							e.businessSystemId() == null ? null : this.cmdb.find(e.businessSystemId()).map(ci -> ci.name()).orElse(null),
							e.updatedAt()))
					.toList());
	}

	// ---- views ------------------------------------------------------------------------------------

	private PortalTicket full(CurrentUser user, TicketRow t) {
		List<TimelineEntry> entries = this.portal.timeline(t);
		Map<Long, String> names = this.users
			.displayNames(entries.stream().map(TimelineEntry::authorId).filter(Objects::nonNull).toList());
		List<TimelineView> timeline = entries.stream()
			.map(e -> new TimelineView(e.kind(), e.at(), e.action(), e.to(), e.to() == null ? null : stateText(e.to()),
					e.authorId(), e.authorId() == null ? null : names.get(e.authorId()),
					e.authorId() != null && e.authorId() == user.id(), e.body()))
			.toList();
		String system = t.businessSystemId == null ? null : this.cmdb.find(t.businessSystemId).map(ci -> ci.name()).orElse(null);
		return new PortalTicket(t.id, t.number, t.type, t.channel, t.title, t.description, t.businessSystemId, system,
				t.contactPhone, t.state, stateText(t.state), t.reportedAt, t.updatedAt, t.resolvedAt, t.closedAt,
				t.state.done() ? t.solution : null, t.rating, t.ratingComment, List.copyOf(this.portal.allowed(t)),
				this.satisfaction.pendingUntil(t.id).orElse(null), this.portal.links(t.id)
					.stream()
					.filter(link -> link.requesterId() != null && link.requesterId() == user.id())
					// the desk's own links (related, duplicate, parent …) are not the requester's business
					.filter(link -> link.kind().equals("COMPLAINT"))
					.map(link -> new LinkView(link.otherId(), link.number(), link.title(), link.state(), link.kind(), link.direction()))
					.toList(),
				timeline);
	}

	private String stateText(TicketState state) {
		Locale locale = LocaleContextHolder.getLocale();
		return this.messages.getMessage("ticket.state." + state.name(), null, state.name(), locale);
	}

	/** What the requester writes back. */
	record ReplyInput(String body) {
	}

	/** A rating 1–5 with an optional comment. */
	record RatingInput(Integer rating, String comment) {
	}

	/** Why the requester complains, and where to call them back. */
	record ComplaintInput(String reason, String phone) {
	}

	/** A line of "my tickets": {@code canRate} when it waits for the requester's rating. */
	record PortalTicketSummary(long id, String number, TicketType type, String title, TicketState state, String stateText,
			Instant reportedAt, Instant updatedAt, boolean canRate, boolean invited) {
	}

	/**
	 * A ticket as its requester sees it: no internal notes, no assignee or group, the solution once
	 * resolved; {@code ratingInvitedUntil} while an invitation to rate it is open.
	 */
	record PortalTicket(long id, String number, TicketType type, TicketChannel channel, String title, String description,
			Long businessSystemId, String businessSystemName, String phone, TicketState state, String stateText,
			Instant reportedAt, Instant updatedAt, Instant resolvedAt, Instant closedAt, String solution, Integer rating,
			String ratingComment, List<String> allowed, Instant ratingInvitedUntil, List<LinkView> links,
			List<TimelineView> timeline) {
	}

	/** A linked ticket (a complaint about this one, or the ticket this complaint is about). */
	record LinkView(long ticketId, String number, String title, TicketState state, String kind, String direction) {
	}

	/**
	 * An entry of the timeline: {@code kind} STATE ({@code action} took the ticket to {@code state})
	 * or REPLY; {@code mine} when the requester wrote it.
	 */
	record TimelineView(String kind, Instant at, String action, TicketState state, String stateText, Long authorId,
			String authorName, boolean mine, String body) {
	}

	/** The help centre: the categories in use and the published entries. */
	record HelpCentre(List<String> categories, List<HelpEntry> items) {
	}

	record HelpEntry(long id, String question, String answer, String category, Long businessSystemId,
			String businessSystemName, Instant updatedAt) {
	}

}
