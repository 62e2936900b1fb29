package io.opsguard.servicedesk.web;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.TicketChannel;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicedesk.TimerMetric;
import io.opsguard.servicedesk.TimerState;
import io.opsguard.servicedesk.internal.CatalogueItems;
import io.opsguard.servicedesk.internal.CatalogueItems.TicketForm;
import io.opsguard.servicedesk.internal.SupportGroups;
import io.opsguard.servicedesk.internal.TicketRow;
import io.opsguard.servicedesk.internal.TicketService;
import io.opsguard.servicelevel.TicketType;

import org.springframework.stereotype.Component;

/** Tickets as the API shows them, with the names of the people, groups and systems they refer to. */
@Component
class TicketViews {

	private final TicketService tickets;

	private final SupportGroups groups;

	private final Users users;

	private final ConfigurationItems cmdb;

	private final Clock clock;

	private final CatalogueItems catalogue;

	TicketViews(TicketService tickets, SupportGroups groups, Users users, ConfigurationItems cmdb, CatalogueItems catalogue,
			Clock clock) {
		this.catalogue = catalogue;
		this.tickets = tickets;
		this.groups = groups;
		this.users = users;
		this.cmdb = cmdb;
		this.clock = clock;
	}

	/** A ticket with its timers and the actions its state allows. */
	TicketView full(CurrentUser user, TicketRow t) {
		Instant now = this.clock.instant();
		List<TimerView> timers = new ArrayList<>();
		for (var reading : this.tickets.timers(t.id)) {
			var timer = reading.timer();
			var log = reading.log();
			timers.add(new TimerView(timer.id(), timer.metric(), timer.groupId(), log.state(), log.target().toString(),
					log.targetTime().toString(), log.dueAt().orElse(null), log.elapsed(now).toString(), log.breached(now)));
		}
		return view(user, t, names(user, List.of(t)), timers,
				this.tickets.allowed(t).stream().map(a -> a.verb()).toList(), this.catalogue.formOf(t.id).orElse(null));
	}

	/** A page of tickets, without their timers. */
	List<TicketView> list(CurrentUser user, List<TicketRow> rows) {
		Names names = names(user, rows);
		return rows.stream().map(t -> view(user, t, names, null, null, null)).toList();
	}

	private TicketView view(CurrentUser user, TicketRow t, Names names, List<TimerView> timers, List<String> allowed,
			TicketForm form) {
		return new TicketView(t.id, t.number, t.type, t.state, t.channel, t.title, t.description,
				t.requesterId, t.requesterId == null ? null : new Ref(t.requesterId, names.users.get(t.requesterId)),
				new ContactView(t.contactName, t.contactPhone, t.contactUnit, t.contactEmail), t.organisationId,
				t.businessSystemId, t.businessSystemId == null ? null : new Ref(t.businessSystemId, names.cis.get(t.businessSystemId)),
				t.ciIds, t.ciIds.stream().map(id -> new Ref(id, names.cis.get(id))).toList(), t.category, t.faultLevel,
				t.onSiteRequired, t.groupId == null ? null : new Ref(t.groupId, names.groups.get(t.groupId)),
				t.assigneeId == null ? null : new Ref(t.assigneeId, names.users.get(t.assigneeId)), t.solution, t.cause,
				t.resolutionCategory, t.rating, t.ratingComment, t.reportedAt, t.createdAt, t.updatedAt, t.resolvedAt,
				t.closedAt, t.dueAt, t.breached, t.version, allowed, timers, form);
	}

	private Names names(CurrentUser user, Collection<TicketRow> rows) {
		Set<Long> userIds = new HashSet<>();
		Set<Long> ciIds = new HashSet<>();
		for (TicketRow t : rows) {
			if (t.requesterId != null) {
				userIds.add(t.requesterId);
			}
			if (t.assigneeId != null) {
				userIds.add(t.assigneeId);
			}
			if (t.businessSystemId != null) {
				ciIds.add(t.businessSystemId);
			}
			ciIds.addAll(t.ciIds);
		}
		Map<Long, String> cis = this.cmdb.names(ciIds);
		Map<Long, String> groupNames = new HashMap<>();
		this.groups.visible(user).forEach(g -> groupNames.put(g.id(), g.name()));
		return new Names(this.users.displayNames(userIds), cis, groupNames);
	}

	private record Names(Map<Long, String> users, Map<Long, String> cis, Map<Long, String> groups) {
	}

	/** Something referred to by id, with its name (null when the reader may not see it). */
	record Ref(long id, String name) {
	}

	record ContactView(String name, String phone, String unit, String email) {
	}

	/**
	 * A timer: {@code target} as the policy writes it ({@code P1D}), {@code targetTime} and
	 * {@code elapsed} in working time on its calendar (ISO-8601); {@code breached} as soon as the
	 * elapsed time exceeds the target.
	 */
	record TimerView(long id, TimerMetric metric, Long groupId, TimerState state, String target, String targetTime,
			Instant dueAt, String elapsed, boolean breached) {
	}

	/**
	 * A ticket; {@code allowedActions}, {@code slaTimers} and {@code form} (the catalogue item it was
	 * raised from, with the values filled in) only when one ticket is read.
	 */
	record TicketView(long id, String number, TicketType type, TicketState state, TicketChannel channel, String title,
			String description, Long requesterId, Ref requester, ContactView contact, long organisationId,
			Long businessSystemId, Ref businessSystem, List<Long> ciIds, List<Ref> cis,
			String category, int faultLevel, boolean onSiteRequired, Ref group, Ref assignee, String solution, String cause,
			String resolutionCategory, Integer rating, String ratingComment, Instant reportedAt, Instant createdAt,
			Instant updatedAt, Instant resolvedAt, Instant closedAt, Instant dueAt, boolean breached, int version,
			List<String> allowedActions, List<TimerView> slaTimers, TicketForm form) {
	}

}
