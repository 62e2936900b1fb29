package io.opsguard.servicedesk.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/** The SQL of daily work records and their categories ({@code sd_work_record}, {@code sd_work_category}). */
@Repository
public class WorkRecordStore {

	private static final String COLUMNS = """
			w.id, w.organisation_id, w.engineer_id, w.started_at, w.ended_at, w.duration_minutes, w.person_id,
			  w.person_name, w.person_phone, w.person_unit, w.business_system_id, w.category_id, w.content, w.handling,
			  w.ticket_id, w.version, w.created_at, w.created_by, w.updated_at, w.updated_by""";

	private final JdbcClient jdbc;

	WorkRecordStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insert(WorkRecordRow r) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_work_record (organisation_id, engineer_id, started_at, ended_at, duration_minutes, person_id,
				  person_name, person_phone, person_unit, business_system_id, category_id, content, handling, ticket_id,
				  version, created_at, created_by, updated_at, updated_by)
				values (:org, :engineer, :startedAt, :endedAt, :minutes, :person, :personName, :personPhone, :personUnit,
				  :system, :category, :content, :handling, :ticket, 0, :at, :by, :at, :by)""")
			.params(params(r))
			.param("at", ts(r.createdAt()))
			.param("by", r.createdBy())
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	/** Writes the record back if nobody changed it since {@code version}; false when somebody did. */
	boolean update(WorkRecordRow r, int version) {
		return this.jdbc.sql("""
				update sd_work_record set organisation_id = :org, engineer_id = :engineer, started_at = :startedAt,
				  ended_at = :endedAt, duration_minutes = :minutes, person_id = :person, person_name = :personName,
				  person_phone = :personPhone, person_unit = :personUnit, business_system_id = :system,
				  category_id = :category, content = :content, handling = :handling, ticket_id = :ticket,
				  updated_at = :at, updated_by = :by, version = version + 1
				where id = :id and version = :version""")
			.params(params(r))
			.param("at", ts(r.updatedAt()))
			.param("by", r.updatedBy())
			.param("id", r.id())
			.param("version", version)
			.update() == 1;
	}

	boolean delete(long id, int version) {
		return this.jdbc.sql("delete from sd_work_record where id = :id and version = :version")
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	Optional<WorkRecordRow> find(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_work_record w where w.id = :id")
			.param("id", id)
			.query(WorkRecordStore::row)
			.optional();
	}

	/** The records with these ids, in the order given. */
	List<WorkRecordRow> findAll(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, WorkRecordRow> byId = new HashMap<>();
		this.jdbc.sql("select " + COLUMNS + " from sd_work_record w where w.id in (:ids)")
			.param("ids", ids)
			.query(WorkRecordStore::row)
			.list()
			.forEach(r -> byId.put(r.id(), r));
		return ids.stream().filter(byId::containsKey).map(byId::get).toList();
	}

	/** One page of the ids of the records matching a condition on {@code sd_work_record w}. */
	PageResult<Long> page(String condition, Map<String, Object> params, PageQuery paging) {
		return SqlPages.ids(this.jdbc, "w.id", "sd_work_record w", condition, params, paging);
	}

	/** The number of minutes of the records matching a condition. */
	long totalMinutes(String condition, Map<String, Object> params) {
		return this.jdbc.sql("select coalesce(sum(w.duration_minutes), 0) from sd_work_record w"
				+ (condition.isBlank() ? "" : " where " + condition))
			.params(params)
			.query(Long.class)
			.single();
	}

	/** At most {@code limit + 1} records matching a condition, in order (an export: more than the limit is refused). */
	List<WorkRecordRow> all(String condition, Map<String, Object> params, String orderBy, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_work_record w" + (condition.isBlank() ? "" : " where " + condition)
				+ " order by " + orderBy + " limit " + (limit + 1))
			.params(params)
			.query(WorkRecordStore::row)
			.list();
	}

	List<WorkRecordRow> ofTicket(long ticketId) {
		return this.jdbc.sql("select " + COLUMNS + " from sd_work_record w where w.ticket_id = :ticket order by w.started_at, w.id")
			.param("ticket", ticketId)
			.query(WorkRecordStore::row)
			.list();
	}

	Map<Long, String> ticketNumbers(Collection<Long> ticketIds) {
		Map<Long, String> numbers = new HashMap<>();
		if (!ticketIds.isEmpty()) {
			this.jdbc.sql("select id, number from sd_ticket where id in (:ids)")
				.param("ids", ticketIds)
				.query(rs -> {
					numbers.put(rs.getLong(1), rs.getString(2));
				});
		}
		return numbers;
	}

	// ---- categories ---------------------------------------------------------------------------

	List<WorkCategory> categories() {
		return this.jdbc.sql("""
				select id, code, name_zh, name_en, sort_order, enabled, built_in, version from sd_work_category
				order by sort_order, id""")
			.query(WorkRecordStore::category)
			.list();
	}

	Optional<WorkCategory> category(long id) {
		return this.jdbc.sql("""
				select id, code, name_zh, name_en, sort_order, enabled, built_in, version from sd_work_category
				where id = :id""")
			.param("id", id)
			.query(WorkRecordStore::category)
			.optional();
	}

	Map<Long, WorkCategory> categories(Collection<Long> ids) {
		Map<Long, WorkCategory> found = new HashMap<>();
		categories().stream().filter(c -> ids.contains(c.id())).forEach(c -> found.put(c.id(), c));
		return found;
	}

	/** Whether another category than {@code exceptId} has this code or one of these names. */
	boolean categoryTaken(String code, String nameZh, String nameEn, Long exceptId) {
		return this.jdbc.sql("""
				select count(*) from sd_work_category
				where (code = :code or name_zh = :zh or lower(name_en) = lower(:en)) and id <> :except""")
			.param("code", code)
			.param("zh", nameZh)
			.param("en", nameEn)
			.param("except", exceptId == null ? -1L : exceptId)
			.query(Long.class)
			.single() > 0;
	}

	long insertCategory(String code, String nameZh, String nameEn, int sortOrder, Instant at) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into sd_work_category (code, name_zh, name_en, sort_order, enabled, built_in, version, created_at, updated_at)
				values (:code, :zh, :en, :sort, true, false, 0, :at, :at)""")
			.param("code", code)
			.param("zh", nameZh)
			.param("en", nameEn)
			.param("sort", sortOrder)
			.param("at", ts(at))
			.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	boolean updateCategory(long id, int version, String nameZh, String nameEn, int sortOrder, boolean enabled, Instant at) {
		return this.jdbc.sql("""
				update sd_work_category set name_zh = :zh, name_en = :en, sort_order = :sort, enabled = :enabled,
				  updated_at = :at, version = version + 1
				where id = :id and version = :version""")
			.param("zh", nameZh)
			.param("en", nameEn)
			.param("sort", sortOrder)
			.param("enabled", enabled)
			.param("at", ts(at))
			.param("id", id)
			.param("version", version)
			.update() == 1;
	}

	// ---- mapping ------------------------------------------------------------------------------

	private static Map<String, Object> params(WorkRecordRow r) {
		Map<String, Object> p = new HashMap<>();
		p.put("org", r.organisationId());
		p.put("engineer", r.engineerId());
		p.put("startedAt", ts(r.startedAt()));
		p.put("endedAt", ts(r.endedAt()));
		p.put("minutes", r.durationMinutes());
		p.put("person", r.personId());
		p.put("personName", r.personName());
		p.put("personPhone", r.personPhone());
		p.put("personUnit", r.personUnit());
		p.put("system", r.businessSystemId());
		p.put("category", r.categoryId());
		p.put("content", r.content());
		p.put("handling", r.handling());
		p.put("ticket", r.ticketId());
		return p;
	}

	private static WorkRecordRow row(ResultSet rs, int n) throws SQLException {
		return new WorkRecordRow(rs.getLong("id"), rs.getLong("organisation_id"), rs.getLong("engineer_id"),
				instant(rs, "started_at"), instant(rs, "ended_at"), rs.getInt("duration_minutes"), nullableLong(rs, "person_id"),
				rs.getString("person_name"), rs.getString("person_phone"), rs.getString("person_unit"),
				nullableLong(rs, "business_system_id"), rs.getLong("category_id"), rs.getString("content"),
				rs.getString("handling"), nullableLong(rs, "ticket_id"), rs.getInt("version"), instant(rs, "created_at"),
				nullableLong(rs, "created_by"), instant(rs, "updated_at"), nullableLong(rs, "updated_by"));
	}

	private static WorkCategory category(ResultSet rs, int n) throws SQLException {
		return new WorkCategory(rs.getLong("id"), rs.getString("code"), rs.getString("name_zh"), rs.getString("name_en"),
				rs.getInt("sort_order"), rs.getBoolean("enabled"), rs.getBoolean("built_in"), rs.getInt("version"));
	}

	/**
	 * A daily work record as stored: {@code organisationId} is the unit served, which decides who sees
	 * it; the person served is a user ({@code personId}) or named in free text.
	 */
	public record WorkRecordRow(long id, long organisationId, long engineerId, Instant startedAt, Instant endedAt,
			int durationMinutes, Long personId, String personName, String personPhone, String personUnit,
			Long businessSystemId, long categoryId, String content, String handling, Long ticketId, int version,
			Instant createdAt, Long createdBy, Instant updatedAt, Long updatedBy) {
	}

	/** A category of work (故障处理, 日常巡检 …); built-in ones come with the product, others are added. */
	public record WorkCategory(long id, String code, String nameZh, String nameEn, int sortOrder, boolean enabled,
			boolean builtIn, int version) {

		public String name(java.util.Locale locale) {
			return "zh".equals(locale.getLanguage()) ? this.nameZh : this.nameEn;
		}

	}

}
