package io.opsguard.identity.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.CurrentUsers;
import io.opsguard.identity.DataScope;
import io.opsguard.identity.internal.AuditChain.AuditRecord;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The append-only, hash-chained audit log. Entries are written in the caller's transaction under
 * a lock on the chain head, so a change and its audit entry commit or roll back together and
 * the chain has no gaps.
 */
@Service
public class AuditLog implements AuditTrail {

	public static final String SUCCESS = "SUCCESS";

	public static final String FAILURE = "FAILURE";

	private final JdbcClient jdbc;

	private final Clock clock;

	private final ObjectMapper json;

	private final MessageSource messages;

	private final OrganisationTree organisations;

	AuditLog(JdbcClient jdbc, Clock clock, ObjectMapper json, MessageSource messages, OrganisationTree organisations) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.json = json;
		this.messages = messages;
		this.organisations = organisations;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordChange(String action, String targetType, Object targetId, Object before, Object after) {
		String summary = ChangeSummary.of(this.json, before, after,
				field -> this.messages.getMessage("audit.field." + field, null, field, Locale.SIMPLIFIED_CHINESE));
		append(action, targetType, targetId, summary, true, CurrentUsers.current().orElse(null), null);
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String targetType, Object targetId, String summary, boolean success) {
		append(action, targetType, targetId, summary, success, CurrentUsers.current().orElse(null), null);
	}

	/**
	 * A summary sentence in the language audit records are kept in (Simplified Chinese, like every
	 * record of the product): {@code audit.summary.<key>} with its arguments.
	 */
	public String summary(String key, Object... args) {
		return this.messages.getMessage("audit.summary." + key, args, key, Locale.SIMPLIFIED_CHINESE);
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordNow(String action, String targetType, Object targetId, String summary, boolean success) {
		append(action, targetType, targetId, summary, success, CurrentUsers.current().orElse(null), null);
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordDenied(String method, String path) {
		append("ACCESS_DENIED", null, null, method + " " + path, false, CurrentUsers.current().orElse(null), null);
	}

	/** Records an event about a user who is not (yet) signed in, e.g. a failed sign-in. */
	@Transactional(propagation = Propagation.REQUIRED)
	public void recordFor(Actor actor, String action, String targetType, Object targetId, String summary, boolean success) {
		append(action, targetType, targetId, summary, success, null, actor);
	}

	private void append(String action, String targetType, Object targetId, String summary, boolean success,
			CurrentUser user, Actor actor) {
		Map<String, Object> head = this.jdbc.sql("select last_id, last_hash from idn_audit_head where id = 1 for update")
			.query()
			.singleRow();
		long id = ((Number) head.get("last_id")).longValue() + 1;
		String previousHash = (String) head.get("last_hash");
		Actor who = actor != null ? actor
				: user != null ? new Actor(user.id(), user.username(), user.organisationId()) : new Actor(null, null, null);
		if (actor == null && SecurityContextHolder.getContext().getAuthentication() instanceof OpsGuardAuthentication auth
				&& auth.viaApiToken()) {
			// what an integration did is told apart from what its owner did in the browser
			String via = summary("viaToken", auth.apiTokenId());
			summary = summary == null || summary.isBlank() ? via : summary + "; " + via;
		}
		AuditRecord entry = new AuditRecord(id, this.clock.instant(), who.userId(), truncate(who.username(), 32),
				who.organisationId(), sourceIp(), action, targetType, targetId == null ? null : truncate(targetId.toString(), 100),
				summary == null ? null : truncate(summary, 4000), success ? SUCCESS : FAILURE);
		String hash = AuditChain.hash(previousHash, entry);
		this.jdbc.sql("""
				insert into idn_audit_log (id, occurred_at, user_id, username, organisation_id, source_ip, action,
				  target_type, target_id, summary, outcome, prev_hash, hash)
				values (:id, :occurredAt, :userId, :username, :organisationId, :sourceIp, :action,
				  :targetType, :targetId, :summary, :outcome, :prevHash, :hash)""")
			.param("id", entry.id())
			.param("occurredAt", Timestamp.from(entry.occurredAt()))
			.param("userId", entry.userId())
			.param("username", entry.username())
			.param("organisationId", entry.organisationId())
			.param("sourceIp", entry.sourceIp())
			.param("action", entry.action())
			.param("targetType", entry.targetType())
			.param("targetId", entry.targetId())
			.param("summary", entry.summary())
			.param("outcome", entry.outcome())
			.param("prevHash", previousHash)
			.param("hash", hash)
			.update();
		this.jdbc.sql("update idn_audit_head set last_id = :id, last_hash = :hash where id = 1")
			.param("id", id)
			.param("hash", hash)
			.update();
	}

	private static String truncate(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	static String sourceIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}

	/** Recomputes every hash from the first entry on. */
	@Transactional(readOnly = true)
	public Verification verify() {
		long expectedId = 1;
		String previousHash = AuditChain.GENESIS;
		long checked = 0;
		final int batch = 5000;
		while (true) {
			List<Stored> rows = this.jdbc.sql("""
					select id, occurred_at, user_id, username, organisation_id, source_ip, action, target_type,
					  target_id, summary, outcome, prev_hash, hash
					from idn_audit_log where id >= :from order by id limit :limit""")
				.param("from", expectedId)
				.param("limit", batch)
				.query((rs, i) -> new Stored(new AuditRecord(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
						(Long) rs.getObject("user_id", Long.class), rs.getString("username"),
						(Long) rs.getObject("organisation_id", Long.class), rs.getString("source_ip"), rs.getString("action"),
						rs.getString("target_type"), rs.getString("target_id"), rs.getString("summary"),
						rs.getString("outcome")), rs.getString("prev_hash"), rs.getString("hash")))
				.list();
			for (Stored row : rows) {
				if (row.entry().id() != expectedId || !row.prevHash().equals(previousHash)
						|| !AuditChain.hash(previousHash, row.entry()).equals(row.hash())) {
					return new Verification(false, checked, expectedId, this.clock.instant());
				}
				previousHash = row.hash();
				expectedId++;
				checked++;
			}
			if (rows.size() < batch) {
				break;
			}
		}
		Map<String, Object> head = this.jdbc.sql("select last_id, last_hash from idn_audit_head where id = 1").query().singleRow();
		boolean headMatches = ((Number) head.get("last_id")).longValue() == checked && previousHash.equals(head.get("last_hash"));
		return new Verification(headMatches, checked, headMatches ? null : expectedId, this.clock.instant());
	}

	/** Result of a chain verification; {@code brokenAt} is the first entry id that fails. */
	public record Verification(boolean intact, long entries, Long brokenAt, Instant verifiedAt) {
	}

	private record Stored(AuditRecord entry, String prevHash, String hash) {
	}

	/** Who did something when nobody is signed in yet. */
	public record Actor(Long userId, String username, Long organisationId) {
	}

	// ---- reading ------------------------------------------------------------------------

	private static final Map<String, String> SORTABLE = Map.of("occurredAt", "a.occurred_at", "username", "a.username",
			"action", "a.action");

	@Transactional(readOnly = true)
	public PageResult<AuditEntryView> search(AuditFilter filter, Integer page, Integer size, String sort, DataScope scope,
			Locale locale) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "a.id desc");
		Where where = where(filter, scope);
		long total = where.bind(this.jdbc.sql("select count(*) from idn_audit_log a where " + where.sql()))
			.query(Long.class)
			.single();
		List<AuditEntryView> items = where
			.bind(this.jdbc.sql("select a.* from idn_audit_log a where " + where.sql() + " order by " + paging.orderBy()
					+ " limit :limit offset :offset"))
			.param("limit", paging.size())
			.param("offset", paging.offset())
			.query((rs, i) -> view(rs, locale))
			.list();
		return new PageResult<>(items, total, paging.page(), paging.size());
	}

	/** Streams matching entries newest first, at most {@code limit}. */
	@Transactional(readOnly = true)
	public void forEach(AuditFilter filter, DataScope scope, Locale locale, int limit, Consumer<AuditEntryView> consumer) {
		Where where = where(filter, scope);
		where.bind(this.jdbc.sql("select a.* from idn_audit_log a where " + where.sql() + " order by a.id desc limit :limit"))
			.param("limit", limit)
			.query((rs, i) -> view(rs, locale))
			.stream()
			.forEach(consumer);
	}

	/**
	 * Activity per day (in China time) over the last {@code days} days, split by outcome, and the
	 * most frequent actions of that period: what an auditor looks at first.
	 */
	@Transactional(readOnly = true)
	public ActivityStatistics statistics(int days, DataScope scope, Locale locale) {
		java.time.ZoneId zone = java.time.ZoneId.of("Asia/Shanghai");
		java.time.LocalDate today = java.time.LocalDate.now(this.clock.withZone(zone));
		java.time.LocalDate first = today.minusDays(days - 1L);
		Where where = where(new AuditFilter(null, null, null, null, null, null, null), scope);
		List<DayActivity> perDay = new ArrayList<>();
		for (java.time.LocalDate day = first; !day.isAfter(today); day = day.plusDays(1)) {
			Map<String, Long> counts = new java.util.HashMap<>();
			where.bind(this.jdbc.sql("select a.outcome, count(*) from idn_audit_log a where " + where.sql()
					+ " and a.occurred_at >= :dayStart and a.occurred_at < :dayEnd group by a.outcome"))
				.param("dayStart", Timestamp.from(day.atStartOfDay(zone).toInstant()))
				.param("dayEnd", Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
				.query((rs, i) -> counts.put(rs.getString(1), rs.getLong(2)))
				.list();
			perDay.add(new DayActivity(day, counts.getOrDefault(SUCCESS, 0L), counts.getOrDefault(FAILURE, 0L)));
		}
		List<ActionCount> topActions = where
			.bind(this.jdbc.sql("select a.action, count(*) as n from idn_audit_log a where " + where.sql()
					+ " and a.occurred_at >= :since group by a.action order by n desc, a.action limit 10"))
			.param("since", Timestamp.from(first.atStartOfDay(zone).toInstant()))
			.query((rs, i) -> new ActionCount(rs.getString(1), actionLabel(rs.getString(1), locale), rs.getLong(2)))
			.list();
		return new ActivityStatistics(perDay, topActions);
	}

	/** Entries of one day by outcome. */
	public record DayActivity(java.time.LocalDate date, long success, long failure) {
	}

	/** How often an action occurred. */
	public record ActionCount(String action, String label, long count) {
	}

	/** Recent activity of the audit log. */
	public record ActivityStatistics(List<DayActivity> days, List<ActionCount> topActions) {
	}

	/** The actions that occur in the log, with their labels. */
	@Transactional(readOnly = true)
	public List<Map<String, String>> actions(Locale locale) {
		return this.jdbc.sql("select distinct action from idn_audit_log order by action")
			.query(String.class)
			.list()
			.stream()
			.map(a -> Map.of("action", a, "label", actionLabel(a, locale)))
			.toList();
	}

	public String targetTypeLabel(String targetType, Locale locale) {
		return targetType == null ? null : this.messages.getMessage("audit.target." + targetType, null, targetType, locale);
	}

	/** The target types that occur in the log, with their labels. */
	@Transactional(readOnly = true)
	public List<Map<String, String>> targetTypes(Locale locale) {
		return this.jdbc.sql("select distinct target_type from idn_audit_log where target_type is not null order by target_type")
			.query(String.class)
			.list()
			.stream()
			.map(t -> Map.of("targetType", t, "label", targetTypeLabel(t, locale)))
			.toList();
	}

	public String actionLabel(String action, Locale locale) {
		return this.messages.getMessage("audit.action." + action, null, action, locale);
	}

	private AuditEntryView view(java.sql.ResultSet rs, Locale locale) throws java.sql.SQLException {
		Long organisationId = (Long) rs.getObject("organisation_id", Long.class);
		String action = rs.getString("action");
		return new AuditEntryView(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(),
				(Long) rs.getObject("user_id", Long.class), rs.getString("username"), organisationId,
				organisationId == null ? null : this.organisations.find(organisationId).map(o -> o.name()).orElse(null),
				rs.getString("source_ip"), action, actionLabel(action, locale), rs.getString("target_type"),
				targetTypeLabel(rs.getString("target_type"), locale), rs.getString("target_id"), rs.getString("summary"),
				rs.getString("outcome"));
	}

	private Where where(AuditFilter filter, DataScope scope) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new java.util.HashMap<>();
		conditions.add("1 = 1");
		if (!scope.all()) {
			boolean seesUnattributed = scope.organisationIds()
				.stream()
				.anyMatch(id -> this.organisations.find(id).map(o -> o.parentId() == null).orElse(false));
			conditions.add("(" + scope.sqlCondition("a.organisation_id")
					+ (seesUnattributed ? " or a.organisation_id is null)" : ")"));
		}
		if (filter.from() != null) {
			conditions.add("a.occurred_at >= :from");
			params.put("from", Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			conditions.add("a.occurred_at < :to");
			params.put("to", Timestamp.from(filter.to()));
		}
		if (filter.username() != null && !filter.username().isBlank()) {
			conditions.add("lower(a.username) like :username");
			params.put("username", "%" + filter.username().trim().toLowerCase(Locale.ROOT) + "%");
		}
		if (filter.action() != null && !filter.action().isBlank()) {
			conditions.add("a.action = :action");
			params.put("action", filter.action());
		}
		if (filter.targetType() != null && !filter.targetType().isBlank()) {
			conditions.add("a.target_type = :targetType");
			params.put("targetType", filter.targetType());
		}
		if (filter.targetId() != null && !filter.targetId().isBlank()) {
			conditions.add("a.target_id = :targetId");
			params.put("targetId", filter.targetId());
		}
		if (filter.outcome() != null && !filter.outcome().isBlank()) {
			conditions.add("a.outcome = :outcome");
			params.put("outcome", filter.outcome());
		}
		return new Where(String.join(" and ", conditions), params);
	}

	private record Where(String sql, Map<String, Object> params) {

		JdbcClient.StatementSpec bind(JdbcClient.StatementSpec spec) {
			return spec.params(this.params);
		}

	}

	/** What an auditor filters the log by; every field is optional. */
	public record AuditFilter(Instant from, Instant to, String username, String action, String targetType,
			String targetId, String outcome) {

		/** The conditions that are set, as {@code name=value} pairs. */
		public String describe() {
			List<String> parts = new ArrayList<>();
			java.util.function.BiConsumer<String, Object> add = (name, value) -> {
				if (value != null && !value.toString().isBlank()) {
					parts.add(name + "=" + value);
				}
			};
			add.accept("from", this.from);
			add.accept("to", this.to);
			add.accept("username", this.username);
			add.accept("action", this.action);
			add.accept("targetType", this.targetType);
			add.accept("targetId", this.targetId);
			add.accept("outcome", this.outcome);
			return parts.isEmpty() ? "*" : String.join(", ", parts);
		}

	}

	/** One audit entry as shown and exported. */
	public record AuditEntryView(long id, Instant occurredAt, Long userId, String username, Long organisationId,
			String organisationName, String sourceIp, String action, String actionLabel, String targetType,
			String targetTypeLabel, String targetId, String summary, String outcome) {
	}

}
