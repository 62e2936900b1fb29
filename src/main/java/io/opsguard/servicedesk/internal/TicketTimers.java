package io.opsguard.servicedesk.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendars;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.servicedesk.TicketAction;
import io.opsguard.servicedesk.TimerMetric;
import io.opsguard.servicedesk.TimerState;
import io.opsguard.servicedesk.internal.TimerStore.TimerRow;
import io.opsguard.servicelevel.SlaPolicies.SlaTargets;
import io.opsguard.servicelevel.TicketType;

import org.springframework.stereotype.Component;

/**
 * Which timers a ticket has and what each action does to them (R-DSK-04, R-DSK-06, R-DSK-07,
 * R-SLA-02): the rules, applied as events to the timers' logs. The SLA clocks stay with the ticket
 * whoever holds it; each support group has a clock of its own from the moment it receives the
 * ticket ({@link TimerMetric#GROUP}), paused while another group holds it, so a late reassignment
 * is measured fairly.
 */
@Component
public class TicketTimers {

	/** The round-the-clock preset: first feedback to online tickets is counted in clock time. */
	static final String CLOCK_CALENDAR = "7x24";

	private final TimerStore store;

	private final BusinessCalendars calendars;

	private final ServiceDeskProperties properties;

	private final Map<String, BusinessCalendar> versions = new ConcurrentHashMap<>();

	TicketTimers(TimerStore store, BusinessCalendars calendars, ServiceDeskProperties properties) {
		this.store = store;
		this.calendars = calendars;
		this.properties = properties;
	}

	/** Starts the timers of a new ticket from the moment it was reported. */
	void start(TicketRow ticket, SlaTargets targets) {
		Instant at = ticket.reportedAt;
		List<Integer> warn = thresholds(targets, false);
		start(ticket, targets, TimerMetric.RESPONSE, null, targets.response(), warn, at);
		start(ticket, targets, TimerMetric.RESOLUTION, null, targets.resolution(), thresholds(targets, true), at);
		if (ticket.type == TicketType.INCIDENT) {
			start(ticket, targets, TimerMetric.DISPATCH, null, WorkingDuration.of(this.properties.incidentDispatch()), warn, at);
		}
		if (ticket.type == TicketType.COMPLAINT) {
			start(ticket, targets, TimerMetric.DISPATCH, null, WorkingDuration.of(this.properties.complaintDispatch()), warn, at);
			start(ticket, targets, TimerMetric.PROGRESS_UPDATE, null, WorkingDuration.of(this.properties.complaintUpdate()),
					List.of(100), at);
		}
		else if (ticket.type == TicketType.INCIDENT && targets.updateInterval() != null && !targets.updateInterval().isZero()) {
			start(ticket, targets, TimerMetric.PROGRESS_UPDATE, null, targets.updateInterval(), List.of(100), at);
		}
		if (ticket.onSiteRequired && targets.onSite() != null && !targets.onSite().isZero()) {
			start(ticket, targets, TimerMetric.ONSITE, null, targets.onSite(), warn, at);
		}
		if (ticket.channel.online()) {
			BusinessCalendar clockTime = this.calendars.current(CLOCK_CALENDAR).orElseThrow();
			startOn(ticket, null, TimerMetric.FIRST_FEEDBACK, null, WorkingDuration.of(this.properties.firstFeedback()),
					List.of(50, 80, 100), clockTime, at);
		}
		if (ticket.groupId != null) {
			receive(ticket, targets, ticket.groupId, at, "received");
		}
	}

	/**
	 * Applies an action to the timers. {@code previousGroup} is the group that held the ticket before
	 * (null when it was unassigned).
	 */
	void apply(TicketRow ticket, SlaTargets targets, TicketAction action, Long previousGroup, Instant at) {
		String reason = "action." + action.verb();
		switch (action) {
			case RESPOND -> {
				stop(ticket.id, TimerMetric.RESPONSE, at, reason);
				stop(ticket.id, TimerMetric.FIRST_FEEDBACK, at, reason);
				restart(ticket.id, TimerMetric.PROGRESS_UPDATE, at, reason);
			}
			case DISPATCH, ESCALATE, HAND_BACK -> {
				if (action == TicketAction.DISPATCH) {
					stop(ticket.id, TimerMetric.DISPATCH, at, reason);
				}
				if (ticket.groupId != null && !ticket.groupId.equals(previousGroup)) {
					if (previousGroup != null) {
						event(ticket.id, TimerMetric.GROUP, previousGroup, TimerState.RUNNING, TimerEvent.Kind.PAUSE, at, reason);
					}
					receive(ticket, targets, ticket.groupId, at, reason);
				}
			}
			case START -> stop(ticket.id, TimerMetric.ONSITE, at, reason);
			case PAUSE -> {
				for (TimerMetric metric : List.of(TimerMetric.RESOLUTION, TimerMetric.ONSITE, TimerMetric.PROGRESS_UPDATE)) {
					event(ticket.id, metric, null, TimerState.RUNNING, TimerEvent.Kind.PAUSE, at, reason);
				}
				event(ticket.id, TimerMetric.GROUP, ticket.groupId, TimerState.RUNNING, TimerEvent.Kind.PAUSE, at, reason);
			}
			case RESUME -> {
				for (TimerMetric metric : List.of(TimerMetric.RESOLUTION, TimerMetric.ONSITE, TimerMetric.PROGRESS_UPDATE)) {
					event(ticket.id, metric, null, TimerState.PAUSED, TimerEvent.Kind.RESUME, at, reason);
				}
				event(ticket.id, TimerMetric.GROUP, ticket.groupId, TimerState.PAUSED, TimerEvent.Kind.RESUME, at, reason);
			}
			case RESOLVE, CLOSE -> {
				for (TimerRow timer : this.store.ofTicket(ticket.id)) {
					if (timer.state() != TimerState.STOPPED) {
						append(timer, TimerEvent.of(TimerEvent.Kind.STOP, at, reason));
					}
				}
			}
			case REOPEN -> {
				event(ticket.id, TimerMetric.RESOLUTION, null, TimerState.STOPPED, TimerEvent.Kind.RESUME, at, reason);
				event(ticket.id, TimerMetric.GROUP, ticket.groupId, TimerState.STOPPED, TimerEvent.Kind.RESUME, at, reason);
				event(ticket.id, TimerMetric.PROGRESS_UPDATE, null, TimerState.STOPPED, TimerEvent.Kind.RESUME, at, reason);
				restart(ticket.id, TimerMetric.PROGRESS_UPDATE, at, reason);
			}
			case ACCEPT, FEEDBACK, RATE -> {
				// no clock changes: feedback and rating come after the work is done
			}
		}
	}

	/** The requester heard from the desk: the progress clock starts again, the first feedback is given. */
	void requesterUpdated(long ticketId, Instant at) {
		stop(ticketId, TimerMetric.FIRST_FEEDBACK, at, "comment.public");
		restart(ticketId, TimerMetric.PROGRESS_UPDATE, at, "comment.public");
	}

	/** New targets (another level or system): every SLA timer keeps its time and gets the new target. */
	void retarget(TicketRow ticket, SlaTargets targets, Instant at, String reason) {
		for (TimerRow timer : this.store.ofTicket(ticket.id)) {
			WorkingDuration target = switch (timer.metric()) {
				case RESPONSE -> targets.response();
				case RESOLUTION, GROUP -> targets.resolution();
				case ONSITE -> targets.onSite();
				case PROGRESS_UPDATE -> ticket.type == TicketType.INCIDENT ? targets.updateInterval() : null;
				default -> null;
			};
			if (target != null && !target.isZero() && !target.equals(timer.target())) {
				append(timer, TimerEvent.retarget(at, target, reason));
			}
		}
	}

	/** Every timer of a ticket with its log replayed. */
	List<Reading> read(long ticketId) {
		List<TimerRow> timers = this.store.ofTicket(ticketId);
		Map<Long, List<TimerEvent>> events = this.store.events(timers.stream().map(TimerRow::id).toList());
		List<Reading> readings = new ArrayList<>();
		for (TimerRow timer : timers) {
			readings.add(new Reading(timer, new TimerLog(calendar(timer), events.getOrDefault(timer.id(), List.of()))));
		}
		return readings;
	}

	/** What the sweep told of a ticket's timers, by timer id. */
	Map<Long, List<TimerStore.AlertRow>> alerts(long ticketId) {
		return this.store.alerts(this.store.ofTicket(ticketId).stream().map(TimerRow::id).toList());
	}

	/** The calendar version a timer started with (versions never change, so they are kept). */
	BusinessCalendar calendar(TimerRow timer) {
		return calendar(timer.calendarCode(), timer.calendarVersion());
	}

	/** The timer with the next alert worked out from its log. */
	TimerRow derive(TimerRow timer, TimerLog log, int firedPercent) {
		Integer nextPercent = null;
		Instant nextDue = null;
		for (int percent : new TreeSet<>(timer.thresholds())) {
			if (percent <= firedPercent) {
				continue;
			}
			Optional<Instant> crossing = log.crossing(percent);
			if (crossing.isPresent() && (log.state() == TimerState.RUNNING || !crossing.get().isAfter(lastEvent(log)))) {
				nextPercent = percent;
				nextDue = crossing.get();
			}
			break;
		}
		Instant due = log.dueAt().filter(d -> log.state() == TimerState.RUNNING || !d.isAfter(lastEvent(log))).orElse(null);
		return timer.derived(log.state(), log.target(), log.breached(lastEvent(log)), firedPercent, nextPercent, nextDue, due);
	}

	private static Instant lastEvent(TimerLog log) {
		return log.events().get(log.events().size() - 1).at();
	}

	private void receive(TicketRow ticket, SlaTargets targets, long groupId, Instant at, String reason) {
		Optional<TimerRow> existing = find(ticket.id, TimerMetric.GROUP, groupId, state -> true);
		if (existing.isPresent()) {
			if (existing.get().state() != TimerState.RUNNING) {
				append(existing.get(), TimerEvent.of(TimerEvent.Kind.RESUME, at, reason));
			}
			return;
		}
		start(ticket, targets, TimerMetric.GROUP, groupId, targets.resolution(), thresholds(targets, false), at);
	}

	private void start(TicketRow ticket, SlaTargets targets, TimerMetric metric, Long groupId, WorkingDuration target,
			List<Integer> thresholds, Instant at) {
		if (target == null || target.isZero()) {
			return;
		}
		startOn(ticket, targets, metric, groupId, target, thresholds, calendar(targets), at);
	}

	private void startOn(TicketRow ticket, SlaTargets targets, TimerMetric metric, Long groupId, WorkingDuration target,
			List<Integer> thresholds, BusinessCalendar calendar, Instant at) {
		TimerEvent first = TimerEvent.start(at, target, "started");
		TimerRow row = new TimerRow(null, ticket.id, metric, groupId, targets == null ? null : targets.policyCode(),
				targets == null ? null : targets.policyVersion(), calendar.code(), calendar.version(), TimerState.RUNNING,
				target, thresholds, false, 0, null, null, null);
		TimerLog log = new TimerLog(calendar, List.of(first));
		row = derive(row, log, 0);
		long id = this.store.insert(row, TimerStore.Measure.of(log));
		this.store.appendEvent(id, 1, first);
		// a ticket recorded after the fact may be past thresholds already: the sweep tells them, marked late
	}

	/** The calendar (version) the targets are measured on. */
	BusinessCalendar calendarOf(SlaTargets targets) {
		return calendar(targets);
	}

	private BusinessCalendar calendar(SlaTargets targets) {
		return calendar(targets.calendarCode(), targets.calendarVersion());
	}

	private BusinessCalendar calendar(String code, int version) {
		return this.versions.computeIfAbsent(code + "@" + version, key -> this.calendars.version(code, version)
			.orElseThrow(() -> new IllegalStateException("Calendar " + key + " is gone")));
	}

	private void stop(long ticketId, TimerMetric metric, Instant at, String reason) {
		find(ticketId, metric, null, state -> state != TimerState.STOPPED)
			.ifPresent(timer -> append(timer, TimerEvent.of(TimerEvent.Kind.STOP, at, reason)));
	}

	private void restart(long ticketId, TimerMetric metric, Instant at, String reason) {
		find(ticketId, metric, null, state -> state == TimerState.RUNNING)
			.ifPresent(timer -> append(timer, TimerEvent.of(TimerEvent.Kind.RESTART, at, reason)));
	}

	private void event(long ticketId, TimerMetric metric, Long groupId, TimerState from, TimerEvent.Kind kind, Instant at,
			String reason) {
		if (metric == TimerMetric.GROUP && groupId == null) {
			return;
		}
		find(ticketId, metric, groupId, state -> state == from)
			.ifPresent(timer -> append(timer, TimerEvent.of(kind, at, reason)));
	}

	private Optional<TimerRow> find(long ticketId, TimerMetric metric, Long groupId, Predicate<TimerState> state) {
		return this.store.ofTicket(ticketId)
			.stream()
			.filter(t -> t.metric() == metric && (groupId == null || groupId.equals(t.groupId())) && state.test(t.state()))
			.max(Comparator.comparing(TimerRow::id));
	}

	/** Appends an event to a timer's log (checked by replaying it) and rewrites what the log gives. */
	void append(TimerRow timer, TimerEvent event) {
		List<TimerEvent> events = this.store.events(List.of(timer.id())).getOrDefault(timer.id(), List.of());
		TimerLog log = new TimerLog(calendar(timer), events).with(event);
		int fired = event.kind() == TimerEvent.Kind.RESTART ? 0 : timer.firedPercent();
		this.store.appendEvent(timer.id(), events.size() + 1, event);
		this.store.updateDerived(derive(timer, log, fired), TimerStore.Measure.of(log));
	}

	private static List<Integer> thresholds(SlaTargets targets, boolean withEscalations) {
		TreeSet<Integer> percents = new TreeSet<>(targets.warnAtPercent());
		percents.add(100);
		if (withEscalations) {
			targets.escalations().forEach(e -> percents.add(e.atPercent()));
		}
		return List.copyOf(percents);
	}

	/** A timer and its log. */
	public record Reading(TimerRow timer, TimerLog log) {
	}


}
