package io.opsguard.servicedesk.web;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.internal.WorkRecordService;
import io.opsguard.servicedesk.internal.WorkRecordStore.WorkCategory;
import io.opsguard.servicedesk.internal.WorkRecordStore.WorkRecordRow;

import org.springframework.stereotype.Component;

/** Work records as the API and the export show them, with the names of what they refer to. */
@Component
class WorkRecordViews {

	private final WorkRecordService records;

	private final Users users;

	private final Organisations organisations;

	private final ConfigurationItems cmdb;

	WorkRecordViews(WorkRecordService records, Users users, Organisations organisations, ConfigurationItems cmdb) {
		this.records = records;
		this.users = users;
		this.organisations = organisations;
		this.cmdb = cmdb;
	}

	List<WorkRecordView> views(CurrentUser user, Collection<WorkRecordRow> rows, Locale locale) {
		Names names = names(rows, locale);
		return rows.stream().map(r -> view(user, r, names)).toList();
	}

	WorkRecordView view(CurrentUser user, WorkRecordRow row, Locale locale) {
		return views(user, List.of(row), locale).get(0);
	}

	CategoryView category(WorkCategory c, Locale locale) {
		return new CategoryView(c.id(), c.code(), c.name(locale), c.nameZh(), c.nameEn(), c.sortOrder(), c.enabled(),
				c.builtIn(), c.version());
	}

	private WorkRecordView view(CurrentUser user, WorkRecordRow r, Names names) {
		return new WorkRecordView(r.id(), r.startedAt(), r.endedAt(), r.durationMinutes(),
				new Ref(r.engineerId(), names.users().get(r.engineerId())),
				r.personId() == null ? null : new Ref(r.personId(), names.users().get(r.personId())), r.personName(),
				r.personPhone(), r.personUnit(), new Ref(r.organisationId(), names.organisations().get(r.organisationId())),
				r.businessSystemId() == null ? null : new Ref(r.businessSystemId(), names.systems().get(r.businessSystemId())),
				new Ref(r.categoryId(), names.categories().get(r.categoryId())), r.content(), r.handling(),
				r.ticketId() == null ? null : new Ref(r.ticketId(), names.tickets().get(r.ticketId())), r.version(),
				r.createdAt(), r.updatedAt(), this.records.editable(user, r));
	}

	Names names(Collection<WorkRecordRow> rows, Locale locale) {
		Set<Long> userIds = new HashSet<>();
		Set<Long> orgIds = new HashSet<>();
		Set<Long> systemIds = new HashSet<>();
		Set<Long> ticketIds = new HashSet<>();
		for (WorkRecordRow r : rows) {
			userIds.add(r.engineerId());
			if (r.personId() != null) {
				userIds.add(r.personId());
			}
			orgIds.add(r.organisationId());
			if (r.businessSystemId() != null) {
				systemIds.add(r.businessSystemId());
			}
			if (r.ticketId() != null) {
				ticketIds.add(r.ticketId());
			}
		}
		Map<Long, String> organisations = new HashMap<>();
		orgIds.forEach(id -> this.organisations.find(id).ifPresent(o -> organisations.put(id, o.name())));
		Map<Long, String> systems = this.cmdb.names(systemIds);
		Map<Long, String> categories = new HashMap<>();
		this.records.categories().forEach(c -> categories.put(c.id(), c.name(locale)));
		return new Names(this.users.displayNames(userIds), organisations, systems, categories,
				this.records.ticketNumbers(ticketIds));
	}

	/** The names of what a set of records refers to. */
	record Names(Map<Long, String> users, Map<Long, String> organisations, Map<Long, String> systems,
			Map<Long, String> categories, Map<Long, String> tickets) {
	}

	/** Something referred to by id, with its name (a ticket: its number). */
	record Ref(long id, String name) {
	}

	/**
	 * A work record: {@code person} a user served, or {@code personName}/{@code personPhone}/
	 * {@code personUnit} in free text; {@code organisation} the unit served; {@code editable} whether
	 * the reader may change or remove it.
	 */
	record WorkRecordView(long id, Instant startedAt, Instant endedAt, int durationMinutes, Ref engineer, Ref person,
			String personName, String personPhone, String personUnit, Ref organisation, Ref businessSystem, Ref category,
			String content, String handling, Ref ticket, int version, Instant createdAt, Instant updatedAt,
			boolean editable) {
	}

	/** A category of work, named in the reader's language, with both names for the editor. */
	record CategoryView(long id, String code, String name, String nameZh, String nameEn, int sortOrder, boolean enabled,
			boolean builtIn, int version) {
	}

}
