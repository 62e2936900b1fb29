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
import io.opsguard.identity.AuditMessage;
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
 * The append-only, hash-chained audit log. Entries are written in the caller's transaction, so a
 * change and its audit entry commit or roll back together; they take no shared lock, and the
 * {@link AuditSealer} chains them right after the commit (ADR 0003). Summaries in words are stored
 * as message keys and arguments and rendered in the reader's language.
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

	private final AuditSealer sealer;

	private static final ObjectMapper ARGS = new ObjectMapper();

	AuditLog(JdbcClient jdbc, Clock clock, ObjectMapper json, MessageSource messages, OrganisationTree organisations,
			AuditSealer sealer) {
		this.jdbc = jdbc;
		this.sealer = sealer;
		this.clock = clock;
		this.json = json;
		this.messages = messages;
		this.organisations = organisations;
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void recordChange(String action, String targetType, Object targetId, Object before, Object after) {
		List<ChangeSummary.Change> changes = ChangeSummary.of(this.json, before, after);
		append(action, targetType, targetId, null, before == null ? ChangeSummary.CREATED : ChangeSummary.CHANGED,
				ChangeSummary.stored(this.json, changes), true, CurrentUsers.current().orElse(null), null);
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String targetType, Object targetId, String summary, boolean success) {
		append(action, targetType, targetId, summary, null, null, success, CurrentUsers.current().orElse(null), null);
	}

	@Override
	@Transactional(propagation = Propagation.MANDATORY)
	public void record(String action, String targetType, Object targetId, AuditMessage summary, boolean success) {
		appendMessage(action, targetType, targetId, summary, success, CurrentUsers.current().orElse(null), null);
	}

	/** A summary in words: {@code audit.summary.<key>} with its arguments, rendered when read. */
	public AuditMessage summary(String key, Object... args) {
		return AuditMessage.of("audit.summary." + key, args);
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordNow(String action, String targetType, Object targetId, String summary, boolean success) {
		append(action, targetType, targetId, summary, null, null, success, CurrentUsers.current().orElse(null), null);
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordNow(String action, String targetType, Object targetId, AuditMessage summary, boolean success) {
		appendMessage(action, targetType, targetId, summary, success, CurrentUsers.current().orElse(null), null);
	}

	@Override
	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void recordDenied(String method, String path) {
		append("ACCESS_DENIED", null, null, method + " " + path, null, null, false, CurrentUsers.current().orElse(null),
				null);
	}

	/** Records an event about a user who is not (yet) signed in, e.g. a failed sign-in. */
	@Transactional(propagation = Propagation.REQUIRED)
	public void recordFor(Actor actor, String action, String targetType, Object targetId, AuditMessage summary,
			boolean success) {
		appendMessage(action, targetType, targetId, summary, success, null, actor);
	}

	private void appendMessage(String action, String targetType, Object targetId, AuditMessage summary, boolean success,
			CurrentUser user, Actor actor) {
		append(action, targetType, targetId, null, summary == null ? null : summary.key(),
				summary == null ? null : argsJson(summary.args()), success, user, actor);
	}

	/**
	 * Writes the entry into the pending table, in the caller's transaction and without any shared
	 * lock; the {@link AuditSealer} chains it right after the commit.
	 */
	private void append(String action, String targetType, Object targetId, String summary, String summaryKey,
			String summaryArgs, boolean success, CurrentUser user, Actor actor) {
		Actor who = actor != null ? actor
				: user != null ? new Actor(user.id(), user.username(), user.organisationId()) : new Actor(null, null, null);
		Long viaToken = null;
		if (actor == null && SecurityContextHolder.getContext().getAuthentication() instanceof OpsGuardAuthentication auth
				&& auth.viaApiToken()) {
			// what an integration did is told apart from what its owner did in the browser
			viaToken = auth.apiTokenId();
		}
		this.jdbc.sql("""
				insert into idn_audit_pending (occurred_at, user_id, username, organisation_id, source_ip, action,
				  target_type, target_id, summary, summary_key, summary_args, via_token_id, outcome)
				values (:occurredAt, :userId, :username, :organisationId, :sourceIp, :action,
				  :targetType, :targetId, :summary, :summaryKey, :summaryArgs, :viaToken, :outcome)""")
			.param("occurredAt", Timestamp.from(AuditChain.stored(this.clock.instant())))
			.param("userId", who.userId())
			.param("username", truncate(who.username(), 32))
			.param("organisationId", who.organisationId())
			.param("sourceIp", sourceIp())
			.param("action", action)
			.param("targetType", targetType)
			.param("targetId", targetId == null ? null : truncate(targetId.toString(), 100))
			.param("summary", summary == null ? null : truncate(summary, 4000))
			.param("summaryKey", summaryKey)
			.param("summaryArgs", summaryArgs)
			.param("viaToken", viaToken)
			.param("outcome", success ? SUCCESS : FAILURE)
			.update();
		this.sealer.sealAfterCommit();
	}

	static String argsJson(List<?> args) {
		try {
			String text = ARGS.writeValueAsString(
					args.stream().map(a -> a instanceof String value ? truncate(value, 500) : a).toList());
			return truncate(text, 4000);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String truncate(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	/**
	 * The client's address, compact: {@code ::1} rather than {@code 0:0:0:0:0:0:0:1}, and an
	 * IPv4 address rather than its IPv6-mapped form. Behind a trusted reverse proxy the container
	 * has already replaced the proxy's address with the client's ({@code server.forward-headers-strategy}).
	 */
	static String sourceIp() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return SourceAddress.compact(request.getRemoteAddr());
		}
		return null;
	}

	/**
	 * Checks every link of the chain, from the first entry on, after sealing what is pending. A
	 * changed entry breaks its own link; a changed and re-hashed entry breaks the link of the entry
	 * after it; removed entries leave a gap; a cut tail no longer matches the head. Every broken
	 * link is reported (the first {@value #MAX_REPORTED} in detail), not only the first.
	 */
	@Transactional(readOnly = true)
	public Verification verify() {
		this.sealer.sealAll();
		AuditChain.Verifier verifier = new AuditChain.Verifier(MAX_REPORTED);
		long from = 1;
		final int batch = 5000;
		while (true) {
			List<Stored> rows = this.jdbc.sql("""
					select id, hash_scheme, occurred_at, user_id, username, organisation_id, source_ip, action, target_type,
					  target_id, summary, summary_key, summary_args, via_token_id, outcome, prev_hash, hash
					from idn_audit_log where id >= :from order by id fetch first :limit rows only""")
				.param("from", from)
				.param("limit", batch)
				.query((rs, i) -> new Stored(new AuditRecord(rs.getLong("id"), rs.getInt("hash_scheme"),
						rs.getTimestamp("occurred_at").toInstant(), (Long) rs.getObject("user_id", Long.class),
						rs.getString("username"), (Long) rs.getObject("organisation_id", Long.class), rs.getString("source_ip"),
						rs.getString("action"), rs.getString("target_type"), rs.getString("target_id"), rs.getString("summary"),
						rs.getString("summary_key"), rs.getString("summary_args"),
						(Long) rs.getObject("via_token_id", Long.class), rs.getString("outcome")), rs.getString("prev_hash"),
						rs.getString("hash")))
				.list();
			for (Stored row : rows) {
				verifier.accept(row.entry(), row.prevHash(), row.hash());
				from = row.entry().id() + 1;
			}
			if (rows.size() < batch) {
				break;
			}
		}
		Map<String, Object> head = this.jdbc.sql("select last_id, last_hash from idn_audit_head where id = 1").query().singleRow();
		verifier.finish(((Number) head.get("last_id")).longValue(), (String) head.get("last_hash"));
		List<BrokenLink> broken = verifier.broken();
		return new Verification(broken.isEmpty(), verifier.checked(), broken.isEmpty() ? null : broken.get(0).fromId(),
				verifier.brokenCount(), broken, this.sealer.pendingCount(), this.clock.instant());
	}

	private static final int MAX_REPORTED = 1000;

	/**
	 * Result of a chain verification. {@code brokenAt} is the first entry that fails (null when
	 * intact), {@code brokenCount} how many entries fail, {@code broken} the first of them in
	 * detail; {@code pending} counts entries written but not yet sealed (normally 0).
	 */
	public record Verification(boolean intact, long entries, Long brokenAt, long brokenCount, List<BrokenLink> broken,
			long pending, Instant verifiedAt) {
	}

	/** Entries {@code fromId} to {@code toId} (often one) fail the check for {@code problem}. */
	public record BrokenLink(long fromId, long toId, Problem problem) {
	}

	/** Why a link of the chain is broken. */
	public enum Problem {

		/** The entry's content no longer matches its hash: it was changed after it was written. */
		CHANGED,
		/** The entry does not follow the one before: that one was changed and re-hashed, or entries were reordered. */
		LINK,
		/** The entries are gone: removed from the middle, or cut from the end. */
		MISSING,
		/** The chain's last entry does not match the recorded head: the tail was cut or replaced. */
		HEAD

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
		this.sealer.sealAll();
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
		this.sealer.sealAll();
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
				targetTypeLabel(rs.getString("target_type"), locale), rs.getString("target_id"), summaryText(rs, locale),
				rs.getString("outcome"));
	}

	/** The summary in the reader's language (entries from before keys were stored keep their text). */
	private String summaryText(java.sql.ResultSet rs, Locale locale) throws java.sql.SQLException {
		String key = rs.getString("summary_key");
		String text = key == null ? rs.getString("summary") : render(key, rs.getString("summary_args"), locale);
		long viaToken = rs.getLong("via_token_id");
		if (!rs.wasNull()) {
			String via = this.messages.getMessage("audit.summary.viaToken", new Object[] { viaToken }, locale);
			text = text == null || text.isBlank() ? via : text + "; " + via;
		}
		return text;
	}

	private String render(String key, String argsJson, Locale locale) {
		try {
			if (key.equals(ChangeSummary.CHANGED) || key.equals(ChangeSummary.CREATED)) {
				List<List<String>> rows = argsJson == null ? List.of()
						: ARGS.readValue(argsJson, new com.fasterxml.jackson.core.type.TypeReference<List<List<String>>>() {
						});
				return ChangeSummary.render(rows, key.equals(ChangeSummary.CREATED),
						field -> this.messages.getMessage("audit.field." + field, null, field, locale));
			}
			List<Object> args = argsJson == null ? List.of()
					: ARGS.readValue(argsJson, new com.fasterxml.jackson.core.type.TypeReference<List<Object>>() {
					});
			return this.messages.getMessage(key, args.toArray(), key, locale);
		}
		catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException ex) {
			// stored by this class; unreadable only if changed by hand, which verification reports
			return key + " " + argsJson;
		}
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
