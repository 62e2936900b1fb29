package io.opsguard.servicedesk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.servicedesk.TicketChannel;
import io.opsguard.servicedesk.TicketState;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/** The SQL of tickets, their CIs, history and comments ({@code sd_ticket*}, {@code sd_comment}). */
@Repository
public class TicketStore {

	private static final String COLUMNS = """
			t.id, t.number, t.type, t.state, t.channel, t.title, t.description, t.requester_id, t.contact_name,
			  t.contact_phone, t.contact_unit, t.organisation_id, t.business_system_id, t.category, t.fault_level,
			  t.on_site_required, t.group_id, t.assignee_id, t.solution, t.cause, t.resolution_category, t.rating,
			  t.rating_comment, t.reported_at, t.created_at, t.created_by, t.updated_at, t.resolved_at, t.closed_at,
			  t.due_at, t.breached, t.version, t.contact_email""";

	private final JdbcClient jdbc;

	TicketStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** The next number of the day for a prefix: 1, 2, … (a row per prefix and day, locked while counting). */
	int nextNumber(String prefix, LocalDate day) {
		for (int attempt = 0; attempt < 3; attempt++) {
			int updated = this.jdbc.sql("update sd_ticket_counter set last_number = last_number + 1 where prefix = :prefix and on_day = :day")
				.param("prefix", prefix)
				.param("day", day)
				.update();
			if (updated == 1) {
				return this.jdbc.sql("select last_number from sd_ticket_counter where prefix = :prefix and on_day = :day")
					.param("prefix", prefix)
					.param("day", day)
					.query(Integer.class)
					.single();
			}
			// on conflict: another request counted the first ticket of the day meanwhile; count again
			int inserted = this.jdbc
				.sql("insert into sd_ticket_counter (prefix, on_day, last_number) values (:prefix, :day, 1) on conflict do nothing")
				.param("prefix", prefix)
				.param("day", day)
				.update();
			if (inserted == 1) {
				return 1;
			}
		}
		throw new IllegalStateException("Could not number a ticket for " + prefix + " " + day);
	}

	long insert(TicketRow t) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_ticket (number, type, state, channel, title, description, requester_id, contact_name,
				  contact_phone, contact_unit, organisation_id, business_system_id, category, fault_level, on_site_required,
				  group_id, assignee_id, reported_at, created_at, created_by, updated_at, due_at, breached, is_open, version,
				  contact_email)
				values (:number, :type, :state, :channel, :title, :description, :requester, :contactName, :contactPhone,
				  :contactUnit, :org, :system, :category, :level, :onSite, :group, :assignee, :reportedAt, :createdAt,
				  :createdBy, :updatedAt, :dueAt, :breached, :open, 0, :contactEmail)""")
			.param("contactEmail", t.contactEmail)
			.param("open", !t.state.done())
			.param("number", t.number)
			.param("type", t.type.name())
			.param("state", t.state.name())
			.param("channel", t.channel.name())
			.param("title", t.title)
			.param("description", t.description)
			.param("requester", t.requesterId)
			.param("contactName", t.contactName)
			.param("contactPhone", t.contactPhone)
			.param("contactUnit", t.contactUnit)
			.param("org", t.organisationId)
			.param("system", t.businessSystemId)
			.param("category", t.category)
			.param("level", t.faultLevel)
			.param("onSite", t.onSiteRequired)
			.param("group", t.groupId)
			.param("assignee", t.assigneeId)
			.param("reportedAt", ts(t.reportedAt))
			.param("createdAt", ts(t.createdAt))
			.param("createdBy", t.createdBy)
			.param("updatedAt", ts(t.updatedAt))
			.param("dueAt", ts(t.dueAt))
			.param("breached", t.breached)
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		t.id = id;
		replaceCis(id, t.ciIds);
		syncOpen(List.of(id));
		return id;
	}

	/** Writes the ticket back if nobody changed it since {@code t.version}; false when somebody did. */
	boolean update(TicketRow t) {
		int rows = this.jdbc.sql("""
				update sd_ticket set state = :state, title = :title, description = :description, requester_id = :requester,
				  contact_name = :contactName, contact_phone = :contactPhone, contact_unit = :contactUnit,
				  organisation_id = :org, business_system_id = :system, category = :category, fault_level = :level,
				  on_site_required = :onSite, group_id = :group, assignee_id = :assignee, solution = :solution,
				  cause = :cause, resolution_category = :resolutionCategory, rating = :rating,
				  rating_comment = :ratingComment, updated_at = :updatedAt, resolved_at = :resolvedAt,
				  closed_at = :closedAt, due_at = :dueAt, breached = :breached, is_open = :open, version = version + 1,
				  contact_email = :contactEmail
				where id = :id and version = :version""")
			.param("contactEmail", t.contactEmail)
			.param("open", !t.state.done())
			.param("state", t.state.name())
			.param("title", t.title)
			.param("description", t.description)
			.param("requester", t.requesterId)
			.param("contactName", t.contactName)
			.param("contactPhone", t.contactPhone)
			.param("contactUnit", t.contactUnit)
			.param("org", t.organisationId)
			.param("system", t.businessSystemId)
			.param("category", t.category)
			.param("level", t.faultLevel)
			.param("onSite", t.onSiteRequired)
			.param("group", t.groupId)
			.param("assignee", t.assigneeId)
			.param("solution", t.solution)
			.param("cause", t.cause)
			.param("resolutionCategory", t.resolutionCategory)
			.param("rating", t.rating)
			.param("ratingComment", t.ratingComment)
			.param("updatedAt", ts(t.updatedAt))
			.param("resolvedAt", ts(t.resolvedAt))
			.param("closedAt", ts(t.closedAt))
			.param("dueAt", ts(t.dueAt))
			.param("breached", t.breached)
			.param("id", t.id)
			.param("version", t.version)
			.update();
		if (rows == 1) {
			t.version++;
			replaceCis(t.id, t.ciIds);
			syncOpen(List.of(t.id));
		}
		return rows == 1;
	}

	/**
	 * The earliest due time of the tickets' running SLA timers and whether one of them is breached,
	 * from what the timers keep (group clocks aside), without touching the tickets' versions.
	 */
	void refreshDue(Collection<Long> ticketIds) {
		if (ticketIds.isEmpty()) {
			return;
		}
		this.jdbc.sql("""
				update sd_ticket t set
				  due_at = (select min(s.due_at) from sd_timer s
				            where s.ticket_id = t.id and s.state = 'RUNNING' and s.metric <> 'GROUP'),
				  breached = exists (select 1 from sd_timer s where s.ticket_id = t.id and s.metric <> 'GROUP'
				            and (s.breached = true or s.fired_percent >= 100))
				where t.id in (:ids)""")
			.param("ids", ticketIds)
			.update();
		this.jdbc.sql("""
				update sd_open_ticket o set
				  due_at = (select t.due_at from sd_ticket t where t.id = o.id),
				  breached = (select t.breached from sd_ticket t where t.id = o.id)
				where o.id in (:ids)""")
			.param("ids", ticketIds)
			.update();
	}

	/** Brings the open-ticket rows of these tickets in line with the tickets (sd_open_ticket). */
	void syncOpen(Collection<Long> ticketIds) {
		this.jdbc.sql("delete from sd_open_ticket where id in (:ids)").param("ids", ticketIds).update();
		this.jdbc.sql("""
				insert into sd_open_ticket (id, number, type, state, organisation_id, business_system_id, fault_level, group_id,
				  assignee_id, reported_at, updated_at, due_at, breached)
				select id, number, type, state, organisation_id, business_system_id, fault_level, group_id, assignee_id,
				  reported_at, updated_at, due_at, breached
				from sd_ticket where id in (:ids) and is_open = true""")
			.param("ids", ticketIds)
			.update();
	}

	Optional<TicketRow> find(long id) {
		return load("t.id = :key", id);
	}

	Optional<TicketRow> findByNumber(String number) {
		return load("t.number = :key", number);
	}

	/** The ticket locked for the rest of the transaction (actions are applied one at a time). */
	/** Who follows a ticket (sd_ticket_watcher), in the order they began. */
	List<Long> watchersOf(long ticketId) {
		return this.jdbc.sql("select user_id from sd_ticket_watcher where ticket_id = :t order by added_at, user_id")
			.param("t", ticketId)
			.query(Long.class)
			.list();
	}

	/** Tickets told their result (已反馈) and resolved before the instant, oldest first. */
	List<Long> fedBackBefore(Instant before, int limit) {
		return this.jdbc.sql("""
				select t.id from sd_ticket t where t.state = 'FEEDBACK_GIVEN' and t.resolved_at <= :before
				order by t.resolved_at limit :limit""")
			.param("before", ts(before))
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	Optional<TicketRow> lock(long id) {
		this.jdbc.sql("select id from sd_ticket where id = :id for update").param("id", id).query(Long.class).optional();
		return find(id);
	}

	List<TicketRow> findAll(Collection<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		List<TicketRow> rows = this.jdbc.sql("select " + COLUMNS + " from sd_ticket t where t.id in (:ids)")
			.param("ids", ids)
			.query(TicketStore::row)
			.list();
		Map<Long, List<Long>> cis = cisOf(ids);
		Map<Long, TicketRow> byId = new HashMap<>();
		for (TicketRow row : rows) {
			row.ciIds = cis.getOrDefault(row.id, List.of());
			byId.put(row.id, row);
		}
		List<TicketRow> ordered = new ArrayList<>();
		for (Long id : ids) {
			if (byId.containsKey(id)) {
				ordered.add(byId.get(id));
			}
		}
		return ordered;
	}

	/** Lists count this far; beyond, the total says "more than 10,000". */
	static final long COUNT_LIMIT = 10_000;

	/**
	 * One page of ticket ids matching a condition; the total is exact up to {@link #COUNT_LIMIT}.
	 * {@code openOnly}: the condition reads only columns of {@code sd_open_ticket} and the queue holds
	 * open tickets only, so it is answered from that narrow table.
	 */
	PageResult<Long> page(String condition, Map<String, Object> params, PageQuery paging, boolean openOnly) {
		return SqlPages.ids(this.jdbc, "t.id", openOnly ? "sd_open_ticket t" : "sd_ticket t", condition, params, paging,
				COUNT_LIMIT);
	}

	/** The ids of at most {@code limit} tickets matching a condition, in the given order (an export). */
	List<Long> ids(String condition, Map<String, Object> params, String orderBy, int limit, boolean openOnly) {
		return this.jdbc.sql("select t.id from " + (openOnly ? "sd_open_ticket t" : "sd_ticket t")
				+ (condition.isBlank() ? "" : " where " + condition) + " order by " + orderBy + " limit :limit")
			.params(params)
			.param("limit", limit)
			.query(Long.class)
			.list();
	}

	/** How many tickets match each condition (the queues' counts), each exact up to {@link #COUNT_LIMIT}. */
	Map<String, Long> counts(Map<String, String> conditions, Map<String, Boolean> openOnly, Map<String, Object> params) {
		Map<String, Long> counts = new LinkedHashMap<>();
		conditions.forEach((name, condition) -> counts.put(name, this.jdbc
			.sql("select count(*) from (select 1 from " + (openOnly.get(name) ? "sd_open_ticket t" : "sd_ticket t")
					+ (condition.isBlank() ? "" : " where " + condition)
					+ " limit " + (COUNT_LIMIT + 1) + ") counted")
			.params(params)
			.query(Long.class)
			.single()));
		return counts;
	}

	// ---- history and comments ------------------------------------------------------------

	void insertEvent(long ticketId, Instant at, Long userId, String action, TicketState from, TicketState to,
			String comment, String detailKey, String detailArgs) {
		this.jdbc.sql("""
				insert into sd_ticket_event (ticket_id, at, user_id, action, from_state, to_state, comment, detail_key, detail_args)
				values (:ticket, :at, :user, :action, :from, :to, :comment, :key, :args)""")
			.param("ticket", ticketId)
			.param("at", ts(at))
			.param("user", userId)
			.param("action", action)
			.param("from", from == null ? null : from.name())
			.param("to", to == null ? null : to.name())
			.param("comment", comment)
			.param("key", detailKey)
			.param("args", detailArgs)
			.update();
	}

	List<EventRow> events(long ticketId) {
		return this.jdbc.sql("""
				select id, at, user_id, action, from_state, to_state, comment, detail_key, detail_args
				from sd_ticket_event where ticket_id = :ticket order by id""")
			.param("ticket", ticketId)
			.query((rs, n) -> new EventRow(rs.getLong("id"), instant(rs, "at"), nullableLong(rs, "user_id"),
					rs.getString("action"), state(rs.getString("from_state")), state(rs.getString("to_state")),
					rs.getString("comment"), rs.getString("detail_key"), rs.getString("detail_args")))
			.list();
	}

	long insertComment(long ticketId, Long authorId, Instant at, String body, boolean visibleToRequester) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_comment (ticket_id, author_id, at, body, visible_to_requester)
				values (:ticket, :author, :at, :body, :visible)""")
			.param("ticket", ticketId)
			.param("author", authorId)
			.param("at", ts(at))
			.param("body", body)
			.param("visible", visibleToRequester)
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	List<CommentRow> comments(long ticketId, boolean requesterOnly) {
		return this.jdbc.sql("select id, author_id, at, body, visible_to_requester from sd_comment where ticket_id = :ticket"
				+ (requesterOnly ? " and visible_to_requester = true" : "") + " order by id")
			.param("ticket", ticketId)
			.query((rs, n) -> new CommentRow(rs.getLong("id"), nullableLong(rs, "author_id"), instant(rs, "at"),
					rs.getString("body"), rs.getBoolean("visible_to_requester")))
			.list();
	}

	// ---- mapping ----------------------------------------------------------------------------

	private Optional<TicketRow> load(String condition, Object key) {
		Optional<TicketRow> row = this.jdbc.sql("select " + COLUMNS + " from sd_ticket t where " + condition)
			.param("key", key)
			.query(TicketStore::row)
			.optional();
		row.ifPresent(t -> t.ciIds = cisOf(List.of(t.id)).getOrDefault(t.id, List.of()));
		return row;
	}

	private Map<Long, List<Long>> cisOf(Collection<Long> ticketIds) {
		Map<Long, List<Long>> cis = new HashMap<>();
		this.jdbc.sql("select ticket_id, ci_id from sd_ticket_ci where ticket_id in (:ids) order by ci_id")
			.param("ids", ticketIds)
			.query(rs -> {
				cis.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getLong(2));
			});
		return cis;
	}

	private void replaceCis(long ticketId, List<Long> ciIds) {
		this.jdbc.sql("delete from sd_ticket_ci where ticket_id = :id").param("id", ticketId).update();
		for (Long ci : ciIds) {
			this.jdbc.sql("insert into sd_ticket_ci (ticket_id, ci_id) values (:id, :ci)").param("id", ticketId).param("ci", ci).update();
		}
	}

	private static TicketRow row(ResultSet rs, int n) throws SQLException {
		TicketRow t = new TicketRow();
		t.id = rs.getLong("id");
		t.number = rs.getString("number");
		t.type = TicketType.valueOf(rs.getString("type"));
		t.state = TicketState.valueOf(rs.getString("state"));
		t.channel = TicketChannel.valueOf(rs.getString("channel"));
		t.title = rs.getString("title");
		t.description = rs.getString("description");
		t.requesterId = nullableLong(rs, "requester_id");
		t.contactName = rs.getString("contact_name");
		t.contactPhone = rs.getString("contact_phone");
		t.contactUnit = rs.getString("contact_unit");
		t.contactEmail = rs.getString("contact_email");
		t.organisationId = rs.getLong("organisation_id");
		t.businessSystemId = nullableLong(rs, "business_system_id");
		t.category = rs.getString("category");
		t.faultLevel = rs.getInt("fault_level");
		t.onSiteRequired = rs.getBoolean("on_site_required");
		t.groupId = nullableLong(rs, "group_id");
		t.assigneeId = nullableLong(rs, "assignee_id");
		t.solution = rs.getString("solution");
		t.cause = rs.getString("cause");
		t.resolutionCategory = rs.getString("resolution_category");
		int rating = rs.getInt("rating");
		t.rating = rs.wasNull() ? null : rating;
		t.ratingComment = rs.getString("rating_comment");
		t.reportedAt = instant(rs, "reported_at");
		t.createdAt = instant(rs, "created_at");
		t.createdBy = nullableLong(rs, "created_by");
		t.updatedAt = instant(rs, "updated_at");
		t.resolvedAt = instant(rs, "resolved_at");
		t.closedAt = instant(rs, "closed_at");
		t.dueAt = instant(rs, "due_at");
		t.breached = rs.getBoolean("breached");
		t.version = rs.getInt("version");
		return t;
	}

	static Timestamp ts(Instant instant) {
		return instant == null ? null : Timestamp.from(instant);
	}

	static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp value = rs.getTimestamp(column);
		return value == null ? null : value.toInstant();
	}

	static Long nullableLong(ResultSet rs, String column) throws SQLException {
		long value = rs.getLong(column);
		return rs.wasNull() ? null : value;
	}

	private static TicketState state(String value) {
		return value == null ? null : TicketState.valueOf(value);
	}

	/** An entry of a ticket's history. */
	public record EventRow(long id, Instant at, Long userId, String action, TicketState from, TicketState to, String comment,
			String detailKey, String detailArgs) {
	}

	/** A comment; {@code visibleToRequester} false: a note among the engineers. */
	public record CommentRow(long id, Long authorId, Instant at, String body, boolean visibleToRequester) {
	}

}
