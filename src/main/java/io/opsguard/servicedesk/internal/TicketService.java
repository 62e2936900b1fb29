package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.TicketAction;
import io.opsguard.servicedesk.TicketChannel;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicedesk.TicketTransitioned;
import io.opsguard.servicelevel.SlaPolicies;
import io.opsguard.servicelevel.SlaPolicies.SlaTargets;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The rules of tickets (R-DSK-01..03, R-DSK-08, R-PRC-01): recording a ticket from any channel,
 * moving it through its lifecycle ({@link Lifecycle}) one checked action at a time, with its
 * timers ({@link TicketTimers}), history, comments, audit and an event for other modules.
 */
@Service
public class TicketService {

	/** How far an agent's clock may run ahead of the server's before a report time counts as future. */
	static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

	/** How far back an agent may date a ticket recorded after the call. */
	static final Duration LONGEST_BACKDATING = Duration.ofDays(30);

	/** A ticket number or its beginning: {@code GZ-20261206-0007}, {@code GZ-2026}. */
	static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("(?i)[A-Z]{2}-[0-9]{0,8}(-[0-9]{0,7})?");

	static final java.util.regex.Pattern FULL_NUMBER = java.util.regex.Pattern.compile("(?i)[A-Z]{2}-[0-9]{8}-[0-9]{4,7}");

	static final Map<TicketType, String> PREFIX = Map.of(TicketType.INCIDENT, "GZ", TicketType.SERVICE_REQUEST, "FW",
			TicketType.CONSULTATION, "ZX", TicketType.COMPLAINT, "TS", TicketType.REQUIREMENT, "XQ");

	private final TicketStore tickets;

	private final TicketTimers timers;

	private final SupportGroups groups;

	private final SlaPolicies policies;

	private final ConfigurationItems cmdb;

	private final Users users;

	private final Organisations organisations;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final ServiceDeskProperties properties;

	private final CatalogueItems catalogue;

	private final ComplaintAccountability accountability;

	private final TicketNotifier notifier;

	private final Clock clock;

	TicketService(TicketStore tickets, TicketTimers timers, SupportGroups groups, SlaPolicies policies,
			ConfigurationItems cmdb, Users users, Organisations organisations, AuditTrail audit,
			ApplicationEventPublisher events, ServiceDeskProperties properties, CatalogueItems catalogue,
			ComplaintAccountability accountability, TicketNotifier notifier, Clock clock) {
		this.notifier = notifier;
		this.catalogue = catalogue;
		this.accountability = accountability;
		this.tickets = tickets;
		this.timers = timers;
		this.groups = groups;
		this.policies = policies;
		this.cmdb = cmdb;
		this.users = users;
		this.organisations = organisations;
		this.audit = audit;
		this.events = events;
		this.properties = properties;
		this.clock = clock;
	}

	// ---- recording --------------------------------------------------------------------------

	/** Records a ticket; with {@code acceptNow} the agent on the phone has accepted and answered it. */
	@Transactional
	public TicketRow create(CurrentUser user, NewTicket input) {
		Instant now = this.clock.instant();
		List<FieldProblem> problems = new ArrayList<>();
		TicketRow t = new TicketRow();
		// raised from the catalogue (R-DSK-14): the item gives the type, a title and a category when none is given
		var form = this.catalogue.fill(input.catalogueItemId(), input.formValues(), problems);
		// (the item is the more precise choice: its type wins over the one picked before it)
		t.type = form.map(f -> f.item().ticketType()).orElse(input.type());
		String title = input.title() == null || input.title().isBlank() ? form.map(f -> f.item().name()).orElse(null)
				: input.title();
		String category = input.category() == null || input.category().isBlank()
				? form.map(f -> f.item().category()).orElse(null) : input.category();
		if (t.type == null) {
			problems.add(problem("type", ServiceDeskError.TYPE_REQUIRED));
		}
		t.channel = input.channel() == null ? TicketChannel.HOTLINE : input.channel();
		t.title = text(title, "title", 200, true, problems);
		t.description = text(input.description(), "description", 8000, false, problems);
		t.category = text(category, "category", 100, false, problems);
		t.faultLevel = faultLevel(t.type, input.faultLevel(), problems);
		t.onSiteRequired = Boolean.TRUE.equals(input.onSiteRequired());
		t.reportedAt = reportedAt(input.reportedAt(), now, problems);
		requester(user, input, t, problems);
		t.businessSystemId = businessSystem(user, input.businessSystemId(), problems);
		t.ciIds = cis(user, input.ciIds(), problems);
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		t.state = TicketState.REPORTED;
		t.createdAt = now;
		t.updatedAt = now;
		t.createdBy = actor(user);
		t.number = number(t.type, now);
		this.tickets.insert(t);
		form.ifPresent(f -> this.catalogue.save(t.id, f));
		SlaTargets targets = targets(t);
		this.timers.start(t, targets);
		this.tickets.insertEvent(t.id, now, actor(user), "CREATE", null, TicketState.REPORTED, null, null, null);
		this.audit.record("TICKET_CREATED", "ticket", t.id, t.number + " " + t.title, true);
		if (Boolean.TRUE.equals(input.acceptNow())) {
			move(user, t, TicketAction.ACCEPT, new ActionInput(null, null, null, null, null, null, null, null, null), targets, now);
			move(user, t, TicketAction.RESPOND, new ActionInput(null, null, null, null, null, null, null, null, null), targets, now);
		}
		refreshDue(t);
		this.events.publishEvent(new TicketTransitioned(t.id, t.number, t.type, "create", null, t.state, t.organisationId));
		return this.tickets.find(t.id).orElseThrow();
	}

	// ---- reading ----------------------------------------------------------------------------

	/** A ticket the user may see (their scope, or their own as requester); unknown and hidden alike 404. */
	@Transactional(readOnly = true)
	public TicketRow get(CurrentUser user, long id) {
		TicketRow t = this.tickets.find(id).orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, String.valueOf(id)));
		if (!user.scope().includes(t.organisationId)) {
			throw new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, String.valueOf(id));
		}
		return t;
	}

	@Transactional(readOnly = true)
	public TicketRow getByNumber(CurrentUser user, String number) {
		TicketRow t = this.tickets.findByNumber(number == null ? "" : number.strip().toUpperCase(java.util.Locale.ROOT))
			.orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, number));
		return get(user, t.id);
	}

	@Transactional(readOnly = true)
	public List<TicketTimers.Reading> timers(long ticketId) {
		return this.timers.read(ticketId);
	}

	/** What the sweep told of each of the ticket's timers, by timer id. */
	@Transactional(readOnly = true)
	public Map<Long, List<TimerStore.AlertRow>> alerts(long ticketId) {
		return this.timers.alerts(ticketId);
	}

	@Transactional(readOnly = true)
	public List<TicketStore.EventRow> history(long ticketId) {
		return this.tickets.events(ticketId);
	}

	@Transactional(readOnly = true)
	public List<TicketStore.CommentRow> comments(long ticketId) {
		return this.tickets.comments(ticketId, false);
	}

	/** The actions the ticket's state allows, for the buttons. */
	public Set<TicketAction> allowed(TicketRow t) {
		return Lifecycle.allowed(t.type, t.state);
	}

	/** One page of a queue or search. */
	@Transactional(readOnly = true)
	public PageResult<TicketRow> list(CurrentUser user, TicketFilter filter, PageQuery paging) {
		Map<String, Object> params = new HashMap<>();
		String condition = condition(user, filter, params);
		boolean openTable = openTable(filter);
		PageResult<Long> ids = this.tickets.page(condition, params, openTable ? openOrder(filter, paging) : paging, openTable);
		return new PageResult<>(this.tickets.findAll(ids.items()), ids.total(), ids.page(), ids.size());
	}

	/**
	 * The tickets of a queue or search for a spreadsheet (a requirement list, R-DSK-13, or any
	 * list), at most {@code limit}, in the list's order; the export itself is audited.
	 */
	@Transactional(readOnly = true)
	public List<TicketRow> export(CurrentUser user, TicketFilter filter, PageQuery order, int limit) {
		Map<String, Object> params = new HashMap<>();
		String condition = condition(user, filter, params);
		boolean openTable = openTable(filter);
		List<Long> ids = this.tickets.ids(condition, params, openTable ? openOrder(filter, order).orderBy() : order.orderBy(),
				limit, openTable);
		List<TicketRow> rows = new ArrayList<>();
		for (int i = 0; i < ids.size(); i += 500) {
			rows.addAll(this.tickets.findAll(ids.subList(i, Math.min(ids.size(), i + 500))));
		}
		this.audit.recordNow("TICKET_EXPORTED", "ticket", null, String.valueOf(rows.size()), true);
		return rows;
	}

	/** How many tickets each queue holds for the user. */
	@Transactional(readOnly = true)
	public Map<Queue, Long> queueCounts(CurrentUser user) {
		Map<String, Object> params = new HashMap<>();
		Map<String, String> conditions = new LinkedHashMap<>();
		Map<String, Boolean> openTables = new LinkedHashMap<>();
		for (Queue queue : Queue.values()) {
			TicketFilter filter = new TicketFilter(queue, null, null, null, null, null);
			conditions.put(queue.name(), condition(user, filter, params));
			openTables.put(queue.name(), openTable(filter));
		}
		Map<Queue, Long> counts = new LinkedHashMap<>();
		this.tickets.counts(conditions, openTables, params).forEach((name, count) -> counts.put(Queue.valueOf(name), count));
		return counts;
	}

	/**
	 * How many open tickets each filter holds for the user (the saved searches of the queue page),
	 * by the list's own conditions, a queue of all tickets read as the open ones; each exact up to
	 * {@link TicketStore#COUNT_LIMIT}.
	 */
	@Transactional(readOnly = true)
	public <K> Map<K, Long> openCounts(CurrentUser user, Map<K, TicketFilter> filters) {
		Map<K, Long> counts = new LinkedHashMap<>();
		filters.forEach((key, filter) -> {
			TicketFilter open = filter.queue() == null || filter.queue() == Queue.ALL ? new TicketFilter(Queue.OPEN,
					filter.type(), filter.state(), filter.faultLevel(), filter.businessSystemId(), filter.text()) : filter;
			// each filter its own parameters: two searches may filter by different values
			Map<String, Object> params = new HashMap<>();
			String condition = condition(user, open, params);
			counts.put(key, this.tickets.counts(Map.of("n", condition), Map.of("n", openTable(open)), params).get("n"));
		});
		return counts;
	}

	// ---- working on it ----------------------------------------------------------------------

	/** Applies an action the ticket's state allows; 409 listing the allowed ones otherwise. */
	@Transactional
	public TicketRow act(CurrentUser user, long id, TicketAction action, ActionInput input) {
		get(user, id);
		TicketRow t = this.tickets.lock(id).orElseThrow();
		requireVersion(t, input.version());
		Instant now = this.clock.instant();
		TicketState from = t.state;
		move(user, t, action, input, null, now);
		refreshDue(t);
		this.events.publishEvent(new TicketTransitioned(t.id, t.number, t.type, action.verb(), from, t.state, t.organisationId));
		return this.tickets.find(id).orElseThrow();
	}

	/**
	 * Closes a ticket whose requester was told the result but did not rate it within
	 * {@code opsguard.servicedesk.auto-close-after} working days on the ticket's calendar (R-DSK-03);
	 * the system's step, in the history as such. Complaints are never closed this way: their
	 * accountability and the complainant's rating come first. False when the ticket is not (yet) due.
	 */
	@Transactional
	public boolean autoClose(long id, Instant now) {
		int days = this.properties.autoCloseAfter();
		TicketRow t = this.tickets.lock(id).orElse(null);
		if (days <= 0 || t == null || t.state != TicketState.FEEDBACK_GIVEN || t.type == TicketType.COMPLAINT) {
			return false;
		}
		Instant toldAt = this.tickets.events(id)
			.stream()
			.filter(e -> e.action().equals(TicketAction.FEEDBACK.name()))
			.map(TicketStore.EventRow::at)
			.reduce((first, second) -> second)
			.orElse(t.resolvedAt);
		SlaTargets targets = targets(t);
		var calendar = this.timers.calendarOf(targets);
		if (toldAt == null || calendar.deadline(toldAt, io.opsguard.calendar.WorkingDuration.ofDays(days)).isAfter(now)) {
			return false;
		}
		TicketState from = t.state;
		t.state = Lifecycle.next(t.type, t.state, TicketAction.CLOSE).orElseThrow();
		t.closedAt = now;
		t.updatedAt = now;
		if (!this.tickets.update(t)) {
			return false;
		}
		this.timers.apply(t, targets, TicketAction.CLOSE, t.groupId, now);
		this.tickets.insertEvent(t.id, now, null, TicketAction.CLOSE.name(), from, t.state, null, "ticket.history.autoClosed",
				String.valueOf(days));
		this.audit.record("TICKET_AUTO_CLOSE", "ticket", t.id, t.number, true);
		refreshDue(t);
		this.events.publishEvent(new TicketTransitioned(t.id, t.number, t.type, TicketAction.CLOSE.verb(), from, t.state,
				t.organisationId));
		return true;
	}

	/** Tickets told their result at least {@code days} calendar days ago and not rated: auto-close candidates. */
	@Transactional(readOnly = true)
	public List<Long> autoCloseCandidates(Instant now, int limit) {
		int days = this.properties.autoCloseAfter();
		return days <= 0 ? List.of() : this.tickets.fedBackBefore(now.minus(Duration.ofDays(days)), limit);
	}

	/** Changes what the ticket is about; a new level or system gives its timers new targets. */
	@Transactional
	public TicketRow edit(CurrentUser user, long id, TicketEdit input) {
		get(user, id);
		TicketRow t = this.tickets.lock(id).orElseThrow();
		requireVersion(t, input.version());
		Instant now = this.clock.instant();
		List<FieldProblem> problems = new ArrayList<>();
		String title = text(input.title(), "title", 200, true, problems);
		String description = text(input.description(), "description", 8000, false, problems);
		String category = text(input.category(), "category", 100, false, problems);
		int level = faultLevel(t.type, input.faultLevel() == null ? t.faultLevel : input.faultLevel(), problems);
		Long system = businessSystem(user, input.businessSystemId(), problems);
		List<Long> cis = cis(user, input.ciIds(), problems);
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		Map<String, Object> before = summary(t);
		boolean retarget = level != t.faultLevel || !java.util.Objects.equals(system, t.businessSystemId);
		int previousLevel = t.faultLevel;
		t.title = title;
		t.description = description;
		t.category = category;
		t.faultLevel = level;
		t.businessSystemId = system;
		t.ciIds = cis;
		t.updatedAt = now;
		if (!this.tickets.update(t)) {
			throw new OpsGuardException(ServiceDeskError.STALE_VERSION, t.version);
		}
		if (retarget) {
			String reason = previousLevel != level ? "relevel." + previousLevel + "." + level : "system";
			this.timers.retarget(t, targets(t), now, reason);
			this.tickets.insertEvent(t.id, now, user.id(), "RELEVEL", t.state, t.state, input.reason(),
					previousLevel != level ? "ticket.history.relevel" : "ticket.history.system",
					previousLevel + "," + level);
		}
		else {
			this.tickets.insertEvent(t.id, now, user.id(), "EDIT", t.state, t.state, input.reason(), null, null);
		}
		refreshDue(t);
		this.audit.recordChange("TICKET_UPDATED", "ticket", t.id, before, summary(t));
		return this.tickets.find(id).orElseThrow();
	}

	/**
	 * An alert joined a monitoring incident (R-DSK-05): its CI is linked to the ticket and, when the
	 * alert weighs more than the ticket's level says, the level is raised (never lowered), giving the
	 * timers new targets as a re-levelling by hand does. By the system, in the history and the
	 * audit log as a change; false when nothing changed (the CI was linked already, the level as high).
	 */
	@Transactional
	public boolean joinAlert(long id, Long ciId, int faultLevel) {
		TicketRow t = this.tickets.lock(id).orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, String.valueOf(id)));
		boolean newCi = ciId != null && !t.ciIds.contains(ciId) && t.ciIds.size() < 50;
		boolean raise = faultLevel >= 1 && faultLevel < t.faultLevel;
		if (!newCi && !raise) {
			return false;
		}
		Instant now = this.clock.instant();
		Map<String, Object> before = summary(t);
		int previousLevel = t.faultLevel;
		if (newCi) {
			TreeSet<Long> ids = new TreeSet<>(t.ciIds);
			ids.add(ciId);
			t.ciIds = List.copyOf(ids);
		}
		if (raise) {
			t.faultLevel = faultLevel;
		}
		t.updatedAt = now;
		if (!this.tickets.update(t)) {
			throw new OpsGuardException(ServiceDeskError.STALE_VERSION, t.version);
		}
		if (raise) {
			this.timers.retarget(t, targets(t), now, "relevel." + previousLevel + "." + faultLevel);
			this.tickets.insertEvent(t.id, now, null, "RELEVEL", t.state, t.state, null, "ticket.history.relevel",
					previousLevel + "," + faultLevel);
		}
		else {
			this.tickets.insertEvent(t.id, now, null, "EDIT", t.state, t.state, null, null, null);
		}
		refreshDue(t);
		this.audit.recordChange("TICKET_UPDATED", "ticket", t.id, before, summary(t));
		return true;
	}

	/** A comment; one the requester sees restarts the progress clock. */
	@Transactional
	public TicketStore.CommentRow comment(CurrentUser user, long id, String body, boolean visibleToRequester) {
		TicketRow t = get(user, id);
		List<FieldProblem> problems = new ArrayList<>();
		String text = text(body, "body", 8000, true, problems);
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		Instant now = this.clock.instant();
		long commentId = this.tickets.insertComment(t.id, actor(user), now, text, visibleToRequester);
		if (visibleToRequester) {
			this.notifier.replied(t, commentId, text);
		}
		if (visibleToRequester && !t.state.done()) {
			this.timers.requesterUpdated(t.id, now);
			refreshDue(t);
		}
		this.audit.record("TICKET_COMMENTED", "ticket", t.id, t.number, true);
		return this.tickets.comments(t.id, false).stream().filter(c -> c.id() == commentId).findFirst().orElseThrow();
	}

	/**
	 * The requester's rating of their resolved ticket (the portal, an invitation link): the
	 * lifecycle's rate action taken by the requester ({@code requesterId}, null for a contact
	 * without an account), on the ticket as it is now. 409 when its state allows no rating.
	 */
	@Transactional
	public TicketRow rateAsRequester(long id, Long requesterId, Integer rating, String comment) {
		TicketRow t = this.tickets.lock(id).orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, String.valueOf(id)));
		Instant now = this.clock.instant();
		TicketState from = t.state;
		move(requesterId, null, t, TicketAction.RATE,
				new ActionInput(t.version, comment, null, null, null, null, null, rating, null), null, now);
		refreshDue(t);
		this.events.publishEvent(new TicketTransitioned(t.id, t.number, t.type, TicketAction.RATE.verb(), from, t.state,
				t.organisationId));
		return this.tickets.find(id).orElseThrow();
	}

	private void move(CurrentUser user, TicketRow t, TicketAction action, ActionInput input, SlaTargets known, Instant now) {
		move(actor(user), user, t, action, input, known, now);
	}

	/** {@code user} is needed only by actions that assign (dispatch, escalate); {@code actorId} goes into the history. */
	private void move(Long actorId, CurrentUser user, TicketRow t, TicketAction action, ActionInput input, SlaTargets known,
			Instant now) {
		TicketState to = Lifecycle.next(t.type, t.state, action).orElseThrow(() -> notAllowed(t, action));
		TicketState from = t.state;
		Long previousGroup = t.groupId;
		List<FieldProblem> problems = new ArrayList<>();
		String comment = text(input.comment(), "comment", 4000, false, problems);
		String detailKey = null;
		String detailArgs = null;
		switch (action) {
			case DISPATCH -> {
				assign(user, t, input, problems);
				detailKey = "ticket.history.assigned";
				detailArgs = t.groupId + "," + (t.assigneeId == null ? "" : t.assigneeId);
			}
			case ESCALATE -> {
				requireComment(comment, problems);
				if (t.type != TicketType.COMPLAINT) {
					detailArgs = (t.groupId == null ? "" : t.groupId) + "," + (t.assigneeId == null ? "" : t.assigneeId);
					assign(user, t, input, problems);
					detailKey = "ticket.history.escalated";
				}
			}
			case HAND_BACK -> {
				requireComment(comment, problems);
				// how the second line helped: by phone, on site or remotely (R-DSK-08), kept in the history
				String mode = input.supportMode() == null ? "" : input.supportMode().strip().toUpperCase(java.util.Locale.ROOT);
				if (!SUPPORT_MODES.contains(mode)) {
					problems.add(problem("supportMode", ServiceDeskError.SUPPORT_MODE_REQUIRED));
				}
				detailKey = "ticket.history.handedBack";
				detailArgs = mode;
				String[] back = lastEscalation(t.id);
				t.groupId = back[0].isEmpty() ? null : Long.valueOf(back[0]);
				t.assigneeId = back.length < 2 || back[1].isEmpty() ? null : Long.valueOf(back[1]);
			}
			case PAUSE, REOPEN, FEEDBACK -> requireComment(comment, problems);
			case RESOLVE -> {
				t.solution = text(input.solution(), "solution", 4000, true, problems);
				t.cause = text(input.cause(), "cause", 2000, t.type == TicketType.INCIDENT, problems);
				t.resolutionCategory = text(input.resolutionCategory(), "resolutionCategory", 100, false, problems);
				t.resolvedAt = now;
			}
			case RATE -> {
				if (input.rating() == null || input.rating() < 1 || input.rating() > 5) {
					problems.add(problem("rating", ServiceDeskError.BAD_RATING, input.rating()));
				}
				t.rating = input.rating();
				t.ratingComment = text(input.comment(), "comment", 1000, false, problems);
			}
			case CLOSE -> {
				// a complaint closes only once the staff concerned have been held to account (R-DSK-06)
				if (t.type == TicketType.COMPLAINT && !this.accountability.exists(t.id)) {
					throw new OpsGuardException(ServiceDeskError.ACCOUNTABILITY_REQUIRED);
				}
				t.closedAt = now;
			}
			default -> {
				// accept, respond, start, resume: nothing more to say
			}
		}
		if (action == TicketAction.REOPEN && t.resolvedAt != null
				&& t.resolvedAt.plus(Duration.ofDays(this.properties.reopenWithin())).isBefore(now)) {
			throw new OpsGuardException(ServiceDeskError.REOPEN_TOO_LATE, this.properties.reopenWithin());
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		if (action == TicketAction.REOPEN) {
			t.resolvedAt = null;
			t.closedAt = null;
			t.rating = null;
			t.ratingComment = null;
		}
		t.state = to;
		t.updatedAt = now;
		if (!this.tickets.update(t)) {
			throw new OpsGuardException(ServiceDeskError.STALE_VERSION, t.version);
		}
		SlaTargets targets = known == null ? targets(t) : known;
		this.timers.apply(t, targets, action, previousGroup, now);
		if (action == TicketAction.FEEDBACK) {
			this.timers.requesterUpdated(t.id, now);
		}
		this.tickets.insertEvent(t.id, now, actorId, action.name(), from, to, comment, detailKey, detailArgs);
		this.audit.record("TICKET_" + action.name(), "ticket", t.id, t.number, true);
	}

	/**
	 * A requester's own words that came in by themselves (an e-mail reply): a comment the requester
	 * sees, by the requester when they have an account; it does not count as the desk keeping them
	 * informed, so no clock restarts.
	 */
	@Transactional
	public TicketStore.CommentRow appendFromRequester(long ticketId, Long authorId, String body) {
		TicketRow t = this.tickets.find(ticketId)
			.orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_TICKET, String.valueOf(ticketId)));
		List<FieldProblem> problems = new ArrayList<>();
		String text = text(body, "body", 8000, true, problems);
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		Instant now = this.clock.instant();
		long commentId = this.tickets.insertComment(t.id, authorId, now, text, true);
		this.audit.record("TICKET_COMMENTED", "ticket", t.id, t.number, true);
		return this.tickets.comments(t.id, false).stream().filter(c -> c.id() == commentId).findFirst().orElseThrow();
	}

	/**
	 * Who records what arrives by itself (e-mail intake): no person, every organisation. History,
	 * comments and tickets it writes name nobody.
	 */
	public static CurrentUser system(long organisationId) {
		return new CurrentUser(SYSTEM_ID, "system", "system", organisationId, Set.of(),
				io.opsguard.identity.DataScope.everything(), false);
	}

	private static final long SYSTEM_ID = 0;

	private static Long actor(CurrentUser user) {
		return user.id() == SYSTEM_ID ? null : user.id();
	}

	private OpsGuardException notAllowed(TicketRow t, TicketAction action) {
		List<String> allowed = Lifecycle.allowed(t.type, t.state).stream().map(TicketAction::verb).toList();
		return new OpsGuardException(ServiceDeskError.ACTION_NOT_ALLOWED,
				new DefaultMessageSourceResolvable("ticket.action." + action.verb()),
				new DefaultMessageSourceResolvable("ticket.state." + t.state.name()))
			.with("state", t.state.name())
			.with("allowedActions", allowed);
	}

	private void assign(CurrentUser user, TicketRow t, ActionInput input, List<FieldProblem> problems) {
		if (input.groupId() == null) {
			problems.add(problem("groupId", ServiceDeskError.GROUP_REQUIRED));
			return;
		}
		SupportGroups.Group group = this.groups.find(user, input.groupId()).filter(SupportGroups.Group::enabled).orElse(null);
		if (group == null) {
			problems.add(problem("groupId", ServiceDeskError.UNKNOWN_GROUP, String.valueOf(input.groupId())));
			return;
		}
		if (input.assigneeId() != null && !group.memberIds().contains(input.assigneeId())) {
			problems.add(problem("assigneeId", ServiceDeskError.NOT_A_MEMBER, String.valueOf(input.assigneeId())));
			return;
		}
		t.groupId = group.id();
		t.assigneeId = input.assigneeId();
	}

	private String[] lastEscalation(long ticketId) {
		List<TicketStore.EventRow> history = this.tickets.events(ticketId);
		for (int i = history.size() - 1; i >= 0; i--) {
			TicketStore.EventRow event = history.get(i);
			if (event.action().equals(TicketAction.ESCALATE.name()) && event.detailArgs() != null) {
				return (event.detailArgs() + ",").split(",", -1);
			}
		}
		return new String[] { "", "" };
	}

	private static void requireComment(String comment, List<FieldProblem> problems) {
		if (comment == null) {
			problems.add(problem("comment", ServiceDeskError.COMMENT_REQUIRED));
		}
	}

	private void requireVersion(TicketRow t, Integer version) {
		if (version == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		if (version != t.version) {
			throw new OpsGuardException(ServiceDeskError.STALE_VERSION, t.version);
		}
	}

	private void refreshDue(TicketRow t) {
		this.tickets.refreshDue(List.of(t.id));
	}

	private SlaTargets targets(TicketRow t) {
		return this.policies.targetsFor(t.businessSystemId, t.type, t.faultLevel);
	}

	private String number(TicketType type, Instant at) {
		ZoneId zone = ZoneId.of("Asia/Shanghai");
		LocalDate day = LocalDate.ofInstant(at, zone);
		int n = this.tickets.nextNumber(PREFIX.get(type), day);
		return String.format("%s-%s-%04d", PREFIX.get(type), day.toString().replace("-", ""), n);
	}

	// ---- checks -----------------------------------------------------------------------------

	private static int faultLevel(TicketType type, Integer level, List<FieldProblem> problems) {
		if (level == null) {
			if (type == TicketType.INCIDENT) {
				problems.add(problem("faultLevel", ServiceDeskError.BAD_FAULT_LEVEL, ""));
			}
			return 4;
		}
		if (level < 1 || level > 4) {
			problems.add(problem("faultLevel", ServiceDeskError.BAD_FAULT_LEVEL, level));
			return 4;
		}
		return level;
	}

	private static Instant reportedAt(Instant reportedAt, Instant now, List<FieldProblem> problems) {
		if (reportedAt == null) {
			return now;
		}
		if (reportedAt.isAfter(now.plus(CLOCK_SKEW))) {
			problems.add(problem("reportedAt", ServiceDeskError.REPORTED_IN_FUTURE));
			return now;
		}
		if (reportedAt.isAfter(now)) {
			// the agent's PC runs a little ahead of the server: "now" there is now here
			return now;
		}
		if (reportedAt.isBefore(now.minus(LONGEST_BACKDATING))) {
			problems.add(problem("reportedAt", ServiceDeskError.REPORTED_TOO_EARLY, LONGEST_BACKDATING.toDays()));
			return now;
		}
		return reportedAt;
	}

	private void requester(CurrentUser user, NewTicket input, TicketRow t, List<FieldProblem> problems) {
		Contact contact = input.contact();
		if (input.requesterId() != null) {
			Users.UserSummary requester = this.users.find(input.requesterId())
				.filter(u -> user.scope().includes(u.organisationId()))
				.orElse(null);
			if (requester == null) {
				problems.add(problem("requesterId", ServiceDeskError.UNKNOWN_REQUESTER, String.valueOf(input.requesterId())));
				return;
			}
			t.requesterId = requester.id();
			t.organisationId = requester.organisationId();
			if (contact != null) {
				t.contactPhone = text(contact.phone(), "contact.phone", 30, false, problems);
				t.contactEmail = text(contact.email(), "contact.email", 254, false, problems);
			}
			t.contactName = requester.displayName();
			return;
		}
		// a contact is reached by phone, or (who wrote in by e-mail) by e-mail; what monitoring hands over
		// by itself (R-DSK-05) has a name and nobody to call back
		boolean machine = user.id() == SYSTEM_ID && t.channel == TicketChannel.MONITORING;
		if (contact == null || blank(contact.name()) || !machine && blank(contact.phone()) && blank(contact.email())) {
			problems.add(problem(contact == null ? "requesterId" : blank(contact.name()) ? "contact.name" : "contact.phone",
					ServiceDeskError.REQUESTER_REQUIRED));
			return;
		}
		t.contactName = text(contact.name(), "contact.name", 50, true, problems);
		t.contactPhone = text(contact.phone(), "contact.phone", 30, false, problems);
		t.contactEmail = text(contact.email(), "contact.email", 254, false, problems);
		t.contactUnit = text(contact.unit(), "contact.unit", 100, false, problems);
		long organisationId = input.organisationId() == null ? user.organisationId() : input.organisationId();
		if (!user.scope().includes(organisationId) || this.organisations.find(organisationId).isEmpty()) {
			problems.add(problem("organisationId", ServiceDeskError.UNKNOWN_ORGANISATION, String.valueOf(organisationId)));
		}
		t.organisationId = organisationId;
	}

	Long businessSystem(CurrentUser user, Long systemId, List<FieldProblem> problems) {
		if (systemId == null) {
			return null;
		}
		CiView system = this.cmdb.find(systemId).filter(ci -> user.scope().includes(ci.organisationId())).orElse(null);
		if (system == null || system.status() == CiStatus.RETIRED || !this.cmdb.isA(system.classCode(), "BUSINESS_SYSTEM")) {
			problems.add(problem("businessSystemId", ServiceDeskError.UNKNOWN_SYSTEM, String.valueOf(systemId)));
			return null;
		}
		return systemId;
	}

	private List<Long> cis(CurrentUser user, List<Long> ciIds, List<FieldProblem> problems) {
		if (ciIds == null || ciIds.isEmpty()) {
			return List.of();
		}
		TreeSet<Long> ids = new TreeSet<>();
		for (Long id : ciIds) {
			if (id == null || this.cmdb.find(id).filter(ci -> user.scope().includes(ci.organisationId())).isEmpty()) {
				problems.add(problem("ciIds", ServiceDeskError.UNKNOWN_CI, String.valueOf(id)));
				continue;
			}
			ids.add(id);
		}
		if (ids.size() > 50) {
			problems.add(problem("ciIds", ServiceDeskError.TOO_LONG, 50));
		}
		return List.copyOf(ids);
	}

	private static String text(String value, String field, int max, boolean required, List<FieldProblem> problems) {
		String text = value == null ? null : value.strip();
		if (text == null || text.isEmpty()) {
			if (required) {
				problems.add(problem(field, field.equals("title") ? ServiceDeskError.TITLE_REQUIRED
						: field.equals("solution") || field.equals("cause") ? ServiceDeskError.SOLUTION_REQUIRED
								: ServiceDeskError.COMMENT_REQUIRED));
			}
			return null;
		}
		if (text.length() > max) {
			problems.add(problem(field, ServiceDeskError.TOO_LONG, max));
		}
		return text;
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}

	private static FieldProblem problem(String field, ServiceDeskError error, Object... args) {
		return new FieldProblem(field, error, args);
	}

	// ---- lists ------------------------------------------------------------------------------

	/**
	 * Whether a list reads only the open tickets' narrow table: every queue but "all" holds open
	 * tickets only, and all its filters but a search in titles read columns that table keeps.
	 */
	private static boolean openTable(TicketFilter filter) {
		Queue queue = filter.queue() == null ? Queue.ALL : filter.queue();
		boolean titleSearch = filter.text() != null && !filter.text().isBlank() && !NUMBER.matcher(filter.text().strip()).matches();
		return queue != Queue.ALL && !titleSearch;
	}

	private String condition(CurrentUser user, TicketFilter filter, Map<String, Object> params) {
		boolean openTable = openTable(filter);
		List<String> conditions = new ArrayList<>();
		// a scope over every organisation (the province's desk) names none: the queues' indexes then
		// serve their order without the organisations' list in the way
		if (!this.organisations.coversEverything(user.scope())) {
			conditions.add(user.scope().sqlCondition("t.organisation_id"));
		}
		Queue queue = filter.queue() == null ? Queue.ALL : filter.queue();
		if (queue != Queue.ALL) {
			String condition = queueCondition(user, queue, params, openTable);
			if (!condition.isEmpty()) {
				conditions.add(condition);
			}
		}
		if (filter.type() != null) {
			conditions.add("t.type = :type");
			params.put("type", filter.type().name());
		}
		if (filter.state() != null) {
			conditions.add("t.state = :state");
			params.put("state", filter.state().name());
		}
		if (filter.faultLevel() != null) {
			conditions.add("t.fault_level = :level");
			params.put("level", filter.faultLevel());
		}
		if (filter.businessSystemId() != null) {
			conditions.add("t.business_system_id = :system");
			params.put("system", filter.businessSystemId());
		}
		if (filter.text() != null && !filter.text().isBlank()) {
			String text = filter.text().strip();
			if (FULL_NUMBER.matcher(text).matches()) {
				// a ticket number: found through its index
				conditions.add("t.number = :number");
				params.put("number", text.toUpperCase(java.util.Locale.ROOT));
			}
			else if (NUMBER.matcher(text).matches()) {
				// the start of a number (GZ-20261206)
				conditions.add("t.number like :number");
				params.put("number", text.toUpperCase(java.util.Locale.ROOT) + "%");
			}
			else {
				conditions.add("lower(t.title) like :text escape '\\'");
				params.put("text", "%" + text.toLowerCase(java.util.Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
					.replace("_", "\\_") + "%");
			}
		}
		return String.join(" and ", conditions);
	}

	/** On the open tickets' table, a queue sorted by due time names the column its index starts with. */
	private static PageQuery openOrder(TicketFilter filter, PageQuery paging) {
		if (!paging.orderBy().startsWith("t.due_at") || filter.type() != null || filter.state() != null
				|| filter.faultLevel() != null || filter.businessSystemId() != null) {
			return paging;
		}
		String prefix = switch (filter.queue() == null ? Queue.ALL : filter.queue()) {
			case MINE -> "t.assignee_id, ";
			case DUE_SOON, BREACHED -> "t.breached, ";
			default -> "";
		};
		return new PageQuery(paging.page(), paging.size(), prefix + paging.orderBy());
	}

	/** A queue's condition; on the open tickets' table "open" goes without saying. */
	private String queueCondition(CurrentUser user, Queue queue, Map<String, Object> params, boolean openTable) {
		List<String> parts = new ArrayList<>();
		if (!openTable && queue != Queue.ALL) {
			parts.add("t.is_open = true");
		}
		switch (queue) {
			case ALL, OPEN -> {
				// nothing more
			}
			case MINE -> {
				params.put("me", user.id());
				parts.add("t.assignee_id = :me");
			}
			case MY_GROUPS -> {
				Set<Long> mine = this.groups.groupsOf(user.id());
				parts.add(mine.isEmpty() ? "1 = 0"
						: "t.group_id in (" + String.join(",", mine.stream().map(String::valueOf).toList()) + ")");
			}
			case UNASSIGNED -> parts.add("t.group_id is null");
			case DUE_SOON -> {
				params.put("soon", java.sql.Timestamp.from(this.clock.instant().plus(Duration.ofHours(2))));
				parts.add("t.breached = false and t.due_at <= :soon");
			}
			case BREACHED -> parts.add("t.breached = true");
		}
		return String.join(" and ", parts);
	}

	private static Map<String, Object> summary(TicketRow t) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("title", t.title);
		summary.put("category", t.category);
		summary.put("faultLevel", t.faultLevel);
		summary.put("businessSystemId", t.businessSystemId);
		summary.put("ciIds", t.ciIds);
		return summary;
	}

	// ---- inputs -----------------------------------------------------------------------------

	/** How the second line supported the first before handing a ticket back. */
	static final List<String> SUPPORT_MODES = List.of("PHONE", "ONSITE", "REMOTE");

	/** The queues of the agent's screen. */
	public enum Queue {

		MINE, MY_GROUPS, UNASSIGNED, DUE_SOON, BREACHED, OPEN, ALL

	}

	/** Someone without an account who called or wrote; {@code email} when they wrote in by e-mail. */
	public record Contact(String name, String phone, String unit, String email) {

		public Contact(String name, String phone, String unit) {
			this(name, phone, unit, null);
		}

	}

	/** A new ticket: a requester with an account, or a contact (then {@code organisationId} or the agent's). */
	public record NewTicket(TicketType type, TicketChannel channel, String title, String description, Long requesterId,
			Contact contact, Long organisationId, Long businessSystemId, List<Long> ciIds, String category,
			Integer faultLevel, Boolean onSiteRequired, Instant reportedAt, Boolean acceptNow, Long catalogueItemId,
			Map<String, Object> formValues) {

		/** A ticket without a catalogue item. */
		public NewTicket(TicketType type, TicketChannel channel, String title, String description, Long requesterId,
				Contact contact, Long organisationId, Long businessSystemId, List<Long> ciIds, String category,
				Integer faultLevel, Boolean onSiteRequired, Instant reportedAt, Boolean acceptNow) {
			this(type, channel, title, description, requesterId, contact, organisationId, businessSystemId, ciIds, category,
					faultLevel, onSiteRequired, reportedAt, acceptNow, null, null);
		}

	}

	/** What an action carries: the version read, and what the action needs. */
	public record ActionInput(Integer version, String comment, Long groupId, Long assigneeId, String solution, String cause,
			String resolutionCategory, Integer rating, String supportMode) {
	}

	/** A change of what the ticket is about; a new level or system needs no more than this. */
	public record TicketEdit(Integer version, String title, String description, String category, Integer faultLevel,
			Long businessSystemId, List<Long> ciIds, String reason) {
	}

	/** The filters of the ticket list. */
	public record TicketFilter(Queue queue, TicketType type, TicketState state, Integer faultLevel, Long businessSystemId,
			String text) {
	}

}
