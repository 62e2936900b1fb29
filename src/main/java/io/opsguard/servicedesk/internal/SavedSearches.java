package io.opsguard.servicedesk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Users;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicedesk.internal.TicketService.Queue;
import io.opsguard.servicedesk.internal.TicketService.TicketFilter;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * Saved searches of the ticket queue page (我的视图): a queue, its filters and its order under a
 * name, private to their owner or shared with a support group, whose members see it. Only the owner
 * changes, reorders or deletes one. The filters are those of the ticket list, each checked: an
 * unknown key or value is a field error. Their counts come from the list's own conditions
 * ({@link TicketService#openCounts}).
 */
@Service
public class SavedSearches {

	/** The most searches one user keeps. */
	static final int MAX_PER_OWNER = 30;

	static final int MAX_NAME = 50;

	static final int MAX_TEXT = 100;

	/** The filters a search may hold, as the ticket list names its parameters. */
	static final Set<String> FILTER_KEYS = Set.of("type", "state", "faultLevel", "businessSystemId", "q");

	private static final String COLUMNS = "id, owner_id, name, group_id, queue, ticket_type, state, fault_level, "
			+ "business_system_id, search_text, sort, position, created_at, updated_at, version";

	private final JdbcClient jdbc;

	private final TicketService tickets;

	private final SupportGroups groups;

	private final Users users;

	private final AuditTrail audit;

	private final Clock clock;

	SavedSearches(JdbcClient jdbc, TicketService tickets, SupportGroups groups, Users users, AuditTrail audit, Clock clock) {
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.groups = groups;
		this.users = users;
		this.audit = audit;
		this.clock = clock;
	}

	/** The user's own searches in their order, then those shared with a group they belong to. */
	@Transactional(readOnly = true)
	public List<SavedSearch> visible(CurrentUser user) {
		Set<Long> mine = this.groups.groupsOf(user.id());
		List<Row> rows = this.jdbc.sql("select " + COLUMNS + " from sd_saved_search where owner_id = :me"
				+ (mine.isEmpty() ? "" : " or group_id in (:groups)")
				+ " order by case when owner_id = :me then 0 else 1 end, position, id")
			.param("me", user.id())
			.param("groups", mine.isEmpty() ? List.of(-1L) : List.copyOf(mine))
			.query(SavedSearches::row)
			.list();
		return views(user, rows);
	}

	/** How many open tickets each visible search holds for the user, by id. */
	@Transactional(readOnly = true)
	public Map<Long, Long> counts(CurrentUser user) {
		Map<Long, TicketFilter> filters = new LinkedHashMap<>();
		for (SavedSearch search : visible(user)) {
			filters.put(search.id(), search.filter());
		}
		return this.tickets.openCounts(user, filters);
	}

	@Transactional
	public SavedSearch create(CurrentUser user, SearchInput input) {
		Checked checked = check(user, input, null);
		long owned = this.jdbc.sql("select count(*) from sd_saved_search where owner_id = :me")
			.param("me", user.id())
			.query(Long.class)
			.single();
		if (owned >= MAX_PER_OWNER) {
			throw new OpsGuardException(ServiceDeskError.SAVED_SEARCH_TOO_MANY, MAX_PER_OWNER);
		}
		int position = this.jdbc.sql("select coalesce(max(position), 0) from sd_saved_search where owner_id = :me")
			.param("me", user.id())
			.query(Integer.class)
			.single() + 1;
		Instant now = this.clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_saved_search (owner_id, name, group_id, queue, ticket_type, state, fault_level,
				  business_system_id, search_text, sort, position, created_at, updated_at, version)
				values (:owner, :name, :group, :queue, :type, :state, :level, :system, :text, :sort, :position, :now, :now, 0)""")
			.param("owner", user.id())
			.params(checked.params())
			.param("position", input.position() == null ? position : Math.max(0, input.position()))
			.param("now", ts(now))
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		SavedSearch created = find(user, id).orElseThrow();
		this.audit.recordChange("TICKET_SEARCH_CREATED", "ticketSearch", id, null, summary(created));
		return created;
	}

	/** Changes one of the user's own searches, with the version read; 409 when somebody changed it meanwhile. */
	@Transactional
	public SavedSearch update(CurrentUser user, long id, SearchInput input) {
		SavedSearch before = owned(user, id);
		if (input.version() == null) {
			throw OpsGuardException.onField("version", ServiceDeskError.VERSION_REQUIRED);
		}
		Checked checked = check(user, input, id);
		int rows = this.jdbc.sql("""
				update sd_saved_search set name = :name, group_id = :group, queue = :queue, ticket_type = :type,
				  state = :state, fault_level = :level, business_system_id = :system, search_text = :text, sort = :sort,
				  position = :position, updated_at = :now, version = version + 1
				where id = :id and version = :version""")
			.params(checked.params())
			.param("position", input.position() == null ? before.position() : Math.max(0, input.position()))
			.param("now", ts(this.clock.instant()))
			.param("id", id)
			.param("version", input.version())
			.update();
		if (rows == 0) {
			throw new OpsGuardException(ServiceDeskError.SAVED_SEARCH_STALE, before.version());
		}
		SavedSearch after = find(user, id).orElseThrow();
		this.audit.recordChange("TICKET_SEARCH_UPDATED", "ticketSearch", id, summary(before), summary(after));
		return after;
	}

	@Transactional
	public void delete(CurrentUser user, long id) {
		SavedSearch before = owned(user, id);
		this.jdbc.sql("delete from sd_saved_search where id = :id").param("id", id).update();
		this.audit.recordChange("TICKET_SEARCH_DELETED", "ticketSearch", id, summary(before), null);
	}

	/**
	 * Puts the user's own searches in the order given (ids of theirs; any left out follow in their
	 * present order). Answers the visible searches.
	 */
	@Transactional
	public List<SavedSearch> reorder(CurrentUser user, List<Long> ids) {
		List<Long> wanted = ids == null ? List.of() : ids;
		List<Row> own = this.jdbc.sql("select " + COLUMNS + " from sd_saved_search where owner_id = :me order by position, id")
			.param("me", user.id())
			.query(SavedSearches::row)
			.list();
		Map<Long, Row> byId = new LinkedHashMap<>();
		own.forEach(r -> byId.put(r.id, r));
		List<Long> order = new ArrayList<>();
		for (Long id : wanted) {
			if (id == null || !byId.containsKey(id) || order.contains(id)) {
				throw OpsGuardException.onField("ids", ServiceDeskError.UNKNOWN_SAVED_SEARCH, String.valueOf(id));
			}
			order.add(id);
		}
		byId.keySet().stream().filter(id -> !order.contains(id)).forEach(order::add);
		Instant now = this.clock.instant();
		for (int i = 0; i < order.size(); i++) {
			Row row = byId.get(order.get(i));
			if (row.position != i + 1) {
				this.jdbc.sql("update sd_saved_search set position = :position, updated_at = :now, version = version + 1 where id = :id")
					.param("position", i + 1)
					.param("now", ts(now))
					.param("id", row.id)
					.update();
			}
		}
		this.audit.record("TICKET_SEARCHES_REORDERED", "ticketSearch", null,
				String.join(",", order.stream().map(String::valueOf).toList()), true);
		return visible(user);
	}

	// ---- rules ------------------------------------------------------------------------------

	private Optional<SavedSearch> find(CurrentUser user, long id) {
		return visible(user).stream().filter(s -> s.id() == id).findFirst();
	}

	/** One of the user's own searches: 404 when they do not see it, 403 when it is another's shared with them. */
	private SavedSearch owned(CurrentUser user, long id) {
		SavedSearch search = find(user, id)
			.orElseThrow(() -> new OpsGuardException(ServiceDeskError.UNKNOWN_SAVED_SEARCH, String.valueOf(id)));
		if (!search.mine()) {
			throw new OpsGuardException(ServiceDeskError.SAVED_SEARCH_NOT_OWNER, search.ownerName() == null ? ""
					: search.ownerName());
		}
		return search;
	}

	private Checked check(CurrentUser user, SearchInput input, Long id) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = input.name() == null ? "" : input.name().strip();
		if (name.isEmpty()) {
			problems.add(new FieldProblem("name", ServiceDeskError.NAME_REQUIRED, new Object[0]));
		}
		else if (name.length() > MAX_NAME) {
			problems.add(new FieldProblem("name", ServiceDeskError.TOO_LONG, new Object[] { MAX_NAME }));
		}
		Queue queue = Queue.ALL;
		if (input.queue() != null && !input.queue().isBlank()) {
			queue = enumOf(Queue.class, input.queue(), "queue", problems);
		}
		Long groupId = input.groupId();
		if (groupId != null && this.groups.find(user, groupId).filter(SupportGroups.Group::enabled).isEmpty()) {
			problems.add(new FieldProblem("groupId", ServiceDeskError.UNKNOWN_GROUP, new Object[] { String.valueOf(groupId) }));
		}
		TicketType type = null;
		TicketState state = null;
		Integer level = null;
		Long system = null;
		String text = null;
		Map<String, Object> filters = input.filters() == null ? Map.of() : input.filters();
		for (Map.Entry<String, Object> filter : filters.entrySet()) {
			String key = filter.getKey();
			Object value = filter.getValue();
			if (!FILTER_KEYS.contains(key)) {
				String shown = key == null ? "" : key.length() > 30 ? key.substring(0, 30) + "…" : key;
				problems.add(bad("filters." + shown, shown));
				continue;
			}
			if (value == null || value instanceof String s && s.isBlank()) {
				continue;
			}
			switch (key) {
				case "type" -> type = enumOf(TicketType.class, value, "filters.type", problems);
				case "state" -> state = enumOf(TicketState.class, value, "filters.state", problems);
				case "faultLevel" -> {
					Long n = number(value);
					if (n == null || n < 1 || n > 4) {
						problems.add(bad("filters.faultLevel", value));
					}
					else {
						level = n.intValue();
					}
				}
				case "businessSystemId" -> {
					Long n = number(value);
					if (n == null) {
						problems.add(bad("filters.businessSystemId", value));
					}
					else {
						List<FieldProblem> found = new ArrayList<>();
						system = this.tickets.businessSystem(user, n, found);
						found.forEach(p -> problems.add(new FieldProblem("filters.businessSystemId", p.errorCode(), p.args())));
					}
				}
				default -> {
					if (!(value instanceof String s)) {
						problems.add(bad("filters.q", value));
					}
					else if (s.strip().length() > MAX_TEXT) {
						problems.add(new FieldProblem("filters.q", ServiceDeskError.TOO_LONG, new Object[] { MAX_TEXT }));
					}
					else {
						text = s.strip();
					}
				}
			}
		}
		String sort = input.sort() == null || input.sort().isBlank() ? null : input.sort().strip();
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(problems.get(0).errorCode(), problems, problems.get(0).args());
		}
		boolean taken = this.jdbc
			.sql("select count(*) from sd_saved_search where owner_id = :me and lower(name) = lower(:name) and id <> :id")
			.param("me", user.id())
			.param("name", name)
			.param("id", id == null ? -1L : id)
			.query(Long.class)
			.single() > 0;
		if (taken) {
			throw OpsGuardException.onField("name", ServiceDeskError.SAVED_SEARCH_NAME_TAKEN, name);
		}
		Map<String, Object> params = new HashMap<>();
		params.put("name", name);
		params.put("group", groupId);
		params.put("queue", queue.name());
		params.put("type", type == null ? null : type.name());
		params.put("state", state == null ? null : state.name());
		params.put("level", level);
		params.put("system", system);
		params.put("text", text);
		params.put("sort", sort);
		return new Checked(params);
	}

	private static <E extends Enum<E>> E enumOf(Class<E> type, Object value, String field, List<FieldProblem> problems) {
		if (value instanceof String s) {
			for (E constant : type.getEnumConstants()) {
				if (constant.name().equals(s.strip().toUpperCase(Locale.ROOT))) {
					return constant;
				}
			}
		}
		problems.add(bad(field, value));
		return null;
	}

	private static Long number(Object value) {
		if (value instanceof Integer || value instanceof Long || value instanceof Short) {
			return ((Number) value).longValue();
		}
		if (value instanceof String s && s.strip().matches("[0-9]{1,15}")) {
			return Long.valueOf(s.strip());
		}
		return null;
	}

	private static FieldProblem bad(String field, Object value) {
		String shown = String.valueOf(value);
		return new FieldProblem(field, ServiceDeskError.SAVED_SEARCH_BAD_FILTER,
				new Object[] { shown.length() > 30 ? shown.substring(0, 30) + "…" : shown });
	}

	private List<SavedSearch> views(CurrentUser user, List<Row> rows) {
		Map<Long, String> owners = this.users.displayNames(rows.stream().map(r -> r.ownerId).distinct().toList());
		Map<Long, String> groupNames = new HashMap<>();
		for (Row row : rows) {
			if (row.groupId != null && !groupNames.containsKey(row.groupId)) {
				groupNames.put(row.groupId, this.groups.byId(row.groupId).map(SupportGroups.Group::name).orElse(null));
			}
		}
		return rows.stream()
			.map(r -> new SavedSearch(r.id, r.name, r.ownerId, owners.get(r.ownerId), r.ownerId == user.id(), r.groupId,
					r.groupId == null ? null : groupNames.get(r.groupId), r.queue,
					new Filters(r.type, r.state, r.level, r.system, r.text), r.sort, r.position, r.createdAt, r.updatedAt,
					r.version))
			.toList();
	}

	private static Map<String, Object> summary(SavedSearch s) {
		Map<String, Object> summary = new LinkedHashMap<>();
		summary.put("name", s.name());
		summary.put("groupId", s.groupId());
		summary.put("queue", s.queue());
		summary.put("filters", s.filters());
		summary.put("sort", s.sort());
		summary.put("position", s.position());
		return summary;
	}

	private static Row row(ResultSet rs, int n) throws SQLException {
		Row r = new Row();
		r.id = rs.getLong("id");
		r.ownerId = rs.getLong("owner_id");
		r.name = rs.getString("name");
		r.groupId = nullableLong(rs, "group_id");
		r.queue = Queue.valueOf(rs.getString("queue"));
		String type = rs.getString("ticket_type");
		r.type = type == null ? null : TicketType.valueOf(type);
		String state = rs.getString("state");
		r.state = state == null ? null : TicketState.valueOf(state);
		Long level = nullableLong(rs, "fault_level");
		r.level = level == null ? null : level.intValue();
		r.system = nullableLong(rs, "business_system_id");
		r.text = rs.getString("search_text");
		r.sort = rs.getString("sort");
		r.position = rs.getInt("position");
		r.createdAt = instant(rs, "created_at");
		r.updatedAt = instant(rs, "updated_at");
		r.version = rs.getInt("version");
		return r;
	}

	private static final class Row {

		long id;

		long ownerId;

		String name;

		Long groupId;

		Queue queue;

		TicketType type;

		TicketState state;

		Integer level;

		Long system;

		String text;

		String sort;

		int position;

		Instant createdAt;

		Instant updatedAt;

		int version;

	}

	private record Checked(Map<String, Object> params) {
	}

	/**
	 * A search to save: its {@code name}, the {@code groupId} it is shared with (none: private), the
	 * {@code queue}, its {@code filters} by the list's parameter names (type, state, faultLevel,
	 * businessSystemId, q), the {@code sort} ({@code field,asc|desc}), its {@code position} among the
	 * owner's, and the {@code version} read when changing one.
	 */
	public record SearchInput(String name, Long groupId, String queue, Map<String, Object> filters, String sort,
			Integer position, Integer version) {
	}

	/** The filters of a saved search, as the ticket list names them. */
	public record Filters(TicketType type, TicketState state, Integer faultLevel, Long businessSystemId, String q) {
	}

	/**
	 * A saved search as one user sees it: {@code mine} when they own it (and alone may change it),
	 * the group it is shared with (none: private).
	 */
	public record SavedSearch(long id, String name, long ownerId, String ownerName, boolean mine, Long groupId,
			String groupName, Queue queue, Filters filters, String sort, int position, Instant createdAt,
			Instant updatedAt, int version) {

		/** The list filter it stands for. */
		public TicketFilter filter() {
			return new TicketFilter(this.queue, this.filters.type(), this.filters.state(), this.filters.faultLevel(),
					this.filters.businessSystemId(), this.filters.q());
		}

	}

}
