package io.opsguard.cmdb.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import io.opsguard.cmdb.CiChanged;
import io.opsguard.cmdb.CiCreated;
import io.opsguard.cmdb.CiRetired;
import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;
import io.opsguard.cmdb.internal.CiHistory.Action;
import io.opsguard.cmdb.internal.CiHistory.Change;
import io.opsguard.cmdb.internal.CiRecord.Document;
import io.opsguard.cmdb.internal.CiViews.CiView;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configuration items: searched, created, changed, retired and verified within the caller's
 * organisation scope; every write checks the class's attributes, keeps a version in the CI's
 * history, is audited and published as an event.
 */
@Service
public class CiService {

	static final Map<String, String> SORTABLE = Map.of("name", "c.name", "code", "c.code", "updatedAt",
			"c.updated_at", "lastVerifiedAt", "c.last_verified_at", "importance",
			"case c.importance when 'CORE' then 0 when 'KEY' then 1 else 2 end", "createdAt", "c.created_at");

	static final int MAX_TAGS = 20;

	/** From this row on, a page is found through the list's kept order ({@link CiListCache}). */
	static final int DEEP_PAGE_OFFSET = 250;

	private final CiStore store;

	private final CiHistory history;

	private final CiViews views;

	private final ClassCatalog catalog;

	private final CmdbGraph graph;

	private final Organisations organisations;

	private final Users users;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final org.springframework.context.MessageSource messages;

	private final CiListCache lists;

	private final boolean h2;

	CiService(CiStore store, CiHistory history, CiViews views, ClassCatalog catalog, CmdbGraph graph,
			Organisations organisations, Users users, JdbcClient jdbc, AuditTrail audit, ApplicationEventPublisher events,
			Clock clock, org.springframework.context.MessageSource messages, CiListCache lists,
			@org.springframework.beans.factory.annotation.Value("${spring.datasource.url:}") String url) {
		this.lists = lists;
		this.h2 = url.startsWith("jdbc:h2:");
		this.messages = messages;
		this.store = store;
		this.history = history;
		this.views = views;
		this.catalog = catalog;
		this.graph = graph;
		this.organisations = organisations;
		this.users = users;
		this.jdbc = jdbc;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
	}

	// ---- reading -------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public PageResult<CiView> search(CurrentUser user, CiFilter filter, Integer page, Integer size, String sort,
			Locale locale) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "c.name, c.id");
		Where where = where(user, filter);
		boolean byClock = where.params().containsKey("verifiedBefore");
		String listSql = "select c.id from " + where.from() + where.sql() + " order by " + where.orderPrefix()
				+ paging.orderBy();
		if (!byClock && paging.offset() >= DEEP_PAGE_OFFSET) {
			// deep in a long list: the page's ids come from the list's order, its rows are read by id
			long[] order = this.lists.order(listSql + new TreeMap<>(where.params()), () -> {
				LongStream.Builder all = LongStream.builder();
				this.jdbc.sql(listSql).params(where.params()).query((RowCallbackHandler) rs -> all.add(rs.getLong(1)));
				return all.build().toArray();
			});
			int from = (int) Math.min(order.length, paging.offset());
			List<Long> ids = Arrays.stream(order, from, Math.min(order.length, from + paging.size())).boxed().toList();
			return new PageResult<>(this.views.views(this.store.findAll(ids, where.condition(), where.params()), locale,
					false), order.length, paging.page(), paging.size());
		}
		String countSql = "select count(*) from " + where.from() + where.sql();
		LongSupplier count = () -> this.jdbc.sql(countSql).params(where.params()).query(Long.class).single();
		// the same total on every page of a list, until a CI changes (totals by the clock are not kept)
		long total = byClock ? count.getAsLong() : this.lists.total(countSql + new TreeMap<>(where.params()), count);
		List<Long> ids = total == 0 ? List.of()
				: this.jdbc.sql(listSql + " limit :limit offset :offset")
					.params(where.params())
					.param("limit", paging.size())
					.param("offset", paging.offset())
					.query(Long.class)
					.list();
		return new PageResult<>(this.views.views(this.store.findAll(ids), locale, false), total, paging.page(),
				paging.size());
	}

	/** Streams every matching CI (for exports), at most {@code limit}. */
	@Transactional(readOnly = true)
	public List<CiRecord> all(CurrentUser user, CiFilter filter, int limit) {
		Where where = where(user, filter);
		List<Long> ids = this.jdbc.sql("select c.id from " + where.from() + where.sql() + " order by " + where.orderPrefix() + "c.name, c.id limit :limit")
			.params(where.params())
			.param("limit", limit)
			.query(Long.class)
			.list();
		List<CiRecord> records = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += 500) {
			records.addAll(this.store.findAll(ids.subList(from, Math.min(ids.size(), from + 500))));
		}
		return records;
	}

	Where where(CurrentUser user, CiFilter filter) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		String orderPrefix = "";
		String from = "cmdb_ci c";
		if (!user.scope().all()) {
			conditions.add(user.scope().sqlCondition("c.organisation_id"));
		}
		if (!filter.includeRetired()) {
			conditions.add("c.status <> 'RETIRED'");
		}
		if (filter.classId() != null) {
			Collection<Long> classes = filter.includeSubclasses() ? this.catalog.subtree(filter.classId())
					: List.of(filter.classId());
			conditions.add("c.class_id in (" + classes.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
			if (classes.size() == 1) {
				// one class: ordering by it first changes nothing, but lets the database read the page
				// straight from the class's list index instead of sorting the whole class
				orderPrefix = "c.class_id, ";
			}
		}
		if (filter.organisationId() != null) {
			Set<Long> organisations = this.organisations.subtree(filter.organisationId());
			conditions.add(organisations.isEmpty() ? "1 = 0"
					: "c.organisation_id in (" + organisations.stream().map(String::valueOf).collect(Collectors.joining(",")) + ")");
		}
		if (filter.status() != null) {
			conditions.add("c.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.importance() != null) {
			conditions.add("c.importance = :importance");
			params.put("importance", filter.importance().name());
		}
		if (filter.ownerId() != null) {
			conditions.add("c.owner_id = :owner");
			params.put("owner", filter.ownerId());
		}
		if (filter.tag() != null && !filter.tag().isBlank()) {
			conditions.add("c.tags like :tag");
			params.put("tag", "%|" + escapeLike(filter.tag().trim()) + "|%");
		}
		if (filter.unverifiedDays() != null) {
			conditions.add("(c.last_verified_at is null or c.last_verified_at < :verifiedBefore)");
			params.put("verifiedBefore", Timestamp.from(this.clock.instant().minus(Duration.ofDays(filter.unverifiedDays()))));
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			conditions.add("c.search_text like :q");
			params.put("q", "%" + escapeLike(filter.q().trim().toLowerCase(Locale.ROOT)) + "%");
		}
		if (filter.name() != null && !filter.name().isBlank()) {
			// a range on the covering name_lower index finds the prefix; LIKE keeps the answer exact.
			// H2 cannot judge a range of parameters and is told which index to read.
			String prefix = filter.name().trim().toLowerCase(Locale.ROOT);
			conditions.add("c.name_lower >= :from and c.name_lower < :to and c.name_lower like :prefix");
			from = this.h2 ? "cmdb_ci c use index (ix_cmdb_ci_name_prefix)" : from;
			params.put("from", prefix);
			params.put("to", successor(prefix));
			params.put("prefix", escapeLike(prefix) + "%");
		}
		return new Where(from, String.join(" and ", conditions), params, orderPrefix);
	}

	/** The smallest string greater than every string that starts with {@code prefix}. */
	static String successor(String prefix) {
		int last = prefix.codePointBefore(prefix.length());
		String head = prefix.substring(0, prefix.length() - Character.charCount(last));
		return last == Character.MAX_CODE_POINT ? head + new String(Character.toChars(last)) + "\uffff"
				: head + new String(Character.toChars(last + 1));
	}

	static String escapeLike(String value) {
		return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	@Transactional(readOnly = true)
	public CiView get(CurrentUser user, long id, Locale locale) {
		return this.views.view(visible(user, id), locale);
	}

	/** The CI's versions, newest first, each change labelled in the request's language. */
	@Transactional(readOnly = true)
	public List<HistoryView> history(CurrentUser user, long id, Locale locale) {
		CiRecord record = visible(user, id);
		Map<String, String> labels = new HashMap<>();
		for (String field : CiInputFields.ORDERED) {
			labels.put(field, label(field, locale));
		}
		for (String field : List.of("classId", "documents", "lastVerifiedAt", "retiredAt", "relation")) {
			labels.put(field, label(field, locale));
		}
		for (AttributeDef attribute : this.catalog.attributes(record.classId())) {
			labels.put("attributes." + attribute.code(), ClassCatalog.name(attribute, locale));
		}
		Map<String, AttributeDef> attributes = new HashMap<>();
		this.catalog.attributes(record.classId()).forEach(a -> attributes.put("attributes." + a.code(), a));
		return this.history.entries(id)
			.stream()
			.map(e -> new HistoryView(e.version(), e.changedAt(), e.userId(), e.username(), e.action(),
					this.messages.getMessage("cmdb.history." + e.action(), null, e.action().name(), locale),
					e.changes()
						.stream()
						.map(c -> new ChangeView(c.field(), labels.getOrDefault(c.field(), c.field()),
								display(c.field(), c.before(), attributes, locale), display(c.field(), c.after(), attributes, locale)))
						.toList()))
			.toList();
	}

	/** A stored value as people read it: names instead of ids, labels instead of codes. */
	private String display(String field, String value, Map<String, AttributeDef> attributes, Locale locale) {
		if (value == null) {
			return null;
		}
		try {
			return switch (field) {
				case "classId" -> this.catalog.find(Long.parseLong(value)).map(d -> ClassCatalog.name(d, locale)).orElse(value);
				case "organisationId" -> this.organisations.find(Long.parseLong(value)).map(o -> o.name()).orElse(value);
				case "ownerId" -> this.users.find(Long.parseLong(value)).map(u -> u.displayName()).orElse(value);
				case "status" -> this.messages.getMessage("cmdb.status." + value, null, value, locale);
				case "importance" -> this.messages.getMessage("cmdb.importance." + value, null, value, locale);
				default -> {
					AttributeDef attribute = attributes.get(field);
					if (attribute == null) {
						yield value;
					}
					yield switch (attribute.type()) {
						case ENUM -> CiViews.optionLabel(attribute, value, locale);
						case BOOLEAN -> this.messages.getMessage(Boolean.parseBoolean(value) ? "cmdb.yes" : "cmdb.no", null, locale);
						case CI -> this.store.find(Long.parseLong(value)).map(CiRecord::name).orElse(value);
						case USER -> this.users.find(Long.parseLong(value)).map(u -> u.displayName()).orElse(value);
						case ORGANISATION -> this.organisations.find(Long.parseLong(value)).map(o -> o.name()).orElse(value);
						default -> value;
					};
				}
			};
		}
		catch (NumberFormatException ex) {
			return value;
		}
	}

	/** The CI as it was at {@code at}, rebuilt from its history. */
	@Transactional(readOnly = true)
	public AsOf asOf(CurrentUser user, long id, Instant at, Locale locale) {
		CiRecord current = visible(user, id);
		CiHistory.Version version = this.history.asOf(id, at)
			.orElseThrow(() -> new OpsGuardException(CmdbError.NOT_YET_EXISTING, current.name()));
		return new AsOf(this.views.view(fromSnapshot(current.id(), version.snapshot()), locale), version.version(),
				version.changedAt(), at);
	}

	@SuppressWarnings("unchecked")
	private CiRecord fromSnapshot(long id, Map<String, Object> s) {
		Map<String, Object> attributes = new java.util.LinkedHashMap<>();
		s.forEach((k, v) -> {
			if (k.startsWith("attributes.")) {
				attributes.put(k.substring("attributes.".length()), v);
			}
		});
		List<Document> documents = s.get("documents") instanceof List<?> list ? list.stream()
			.map(d -> (Map<String, Object>) d)
			.map(d -> new Document((String) d.get("title"), (String) d.get("reference")))
			.toList() : List.of();
		return new CiRecord(id, ((Number) s.get("classId")).longValue(), (String) s.get("code"), (String) s.get("name"),
				((Number) s.get("organisationId")).longValue(), s.get("ownerId") == null ? null : ((Number) s.get("ownerId")).longValue(),
				CiStatus.valueOf((String) s.get("status")), Importance.valueOf((String) s.get("importance")),
				(String) s.get("location"), (String) s.get("vendor"), (String) s.get("model"), (String) s.get("serialNumber"),
				(String) s.get("contract"), documents, s.get("tags") instanceof List<?> tags ? (List<String>) tags : List.of(),
				(String) s.get("notes"), attributes, instant(s.get("lastVerifiedAt")), null, null, instant(s.get("retiredAt")),
				0);
	}

	private static Instant instant(Object value) {
		if (value == null) {
			return null;
		}
		return value instanceof Number n ? Instant.ofEpochMilli((long) (n.doubleValue() * 1000)) : Instant.parse(value.toString());
	}

	// ---- writing -------------------------------------------------------------------------

	@Transactional
	public CiView create(CurrentUser user, long classId, CiInput input, Locale locale) {
		return this.views.view(createRecord(user, classId, input, locale, Action.CREATED), locale);
	}

	CiRecord createRecord(CurrentUser user, long classId, CiInput input, Locale locale, Action action) {
		ClassDef def = this.catalog.find(classId)
			.orElseThrow(() -> OpsGuardException.onField("classId", CmdbError.UNKNOWN_CLASS, classId));
		Instant now = this.clock.instant();
		CiRecord candidate = checked(user, def, null, input, locale, now, now, null);
		long id = this.store.insert(candidate);
		CiRecord created = this.store.find(id).orElseThrow();
		writeUniqueValues(created);
		this.history.record(id, action, null, CiHistory.snapshot(created), List.of(), user, now);
		this.graph.nodeChanged(id, created.classId(), created.organisationId(), false);
		this.audit.record("CI_CREATED", "CI", id, created.code() + " " + created.name(), true);
		this.events.publishEvent(new CiCreated(id, def.code(), created.organisationId()));
		return created;
	}

	@Transactional
	public CiView update(CurrentUser user, long id, CiInput input, Locale locale) {
		return this.views.view(updateRecord(user, id, input, locale, Action.UPDATED), locale);
	}

	CiRecord updateRecord(CurrentUser user, long id, CiInput input, Locale locale, Action action) {
		CiRecord existing = visible(user, id);
		if (existing.status() == CiStatus.RETIRED) {
			throw new OpsGuardException(CmdbError.CI_RETIRED, existing.name());
		}
		if (input.version() != null && input.version() != existing.version()) {
			throw new OptimisticLockingFailureException("ci " + id);
		}
		ClassDef def = this.catalog.find(existing.classId()).orElseThrow();
		Instant now = this.clock.instant();
		CiRecord candidate = checked(user, def, existing, input, locale, existing.createdAt(), now,
				existing.lastVerifiedAt());
		List<Change> changes = CiHistory.diff(CiHistory.snapshot(existing), CiHistory.snapshot(candidate));
		if (changes.isEmpty()) {
			return existing;
		}
		if (!this.store.update(candidate)) {
			throw new OptimisticLockingFailureException("ci " + id);
		}
		CiRecord updated = this.store.find(id).orElseThrow();
		writeUniqueValues(updated);
		this.history.record(id, action, CiHistory.snapshot(existing), CiHistory.snapshot(updated), List.of(), user, now);
		this.graph.nodeChanged(id, updated.classId(), updated.organisationId(), false);
		// the audit log is kept in the platform's language (Chinese): fields by their names
		Map<String, String> attributeNames = new HashMap<>();
		this.catalog.attributes(updated.classId())
			.forEach(a -> attributeNames.put("attributes." + a.code(), ClassCatalog.name(a, Locale.SIMPLIFIED_CHINESE)));
		this.audit.record("CI_UPDATED", "CI", id, updated.code() + "：" + changes.stream()
			.map(c -> attributeNames.getOrDefault(c.field(), label(c.field(), Locale.SIMPLIFIED_CHINESE)))
			.collect(Collectors.joining("、")), true);
		this.events.publishEvent(new CiChanged(id, changes.stream().map(Change::field).collect(Collectors.toSet())));
		return updated;
	}

	@Transactional
	public CiView retire(CurrentUser user, long id, Locale locale) {
		CiRecord existing = visible(user, id);
		if (existing.status() == CiStatus.RETIRED) {
			return this.views.view(existing, locale);
		}
		Instant now = this.clock.instant();
		CiRecord retired = with(existing, CiStatus.RETIRED, now, existing.lastVerifiedAt(), now);
		if (!this.store.update(retired)) {
			throw new OptimisticLockingFailureException("ci " + id);
		}
		CiRecord stored = this.store.find(id).orElseThrow();
		this.jdbc.sql("delete from cmdb_unique_value where ci_id = :id").param("id", id).update();
		this.history.record(id, Action.RETIRED, CiHistory.snapshot(existing), CiHistory.snapshot(stored), List.of(), user,
				now);
		this.graph.nodeChanged(id, stored.classId(), stored.organisationId(), true);
		this.audit.record("CI_RETIRED", "CI", id, stored.code() + " " + stored.name(), true);
		this.events.publishEvent(new CiRetired(id));
		return this.views.view(stored, locale);
	}

	/** Marks CIs as checked against reality today (monthly review, R-CMDB-03). */
	@Transactional
	public int verify(CurrentUser user, Collection<Long> ids) {
		if (ids.size() > 1000) {
			throw OpsGuardException.onField("ids", CmdbError.TOO_MANY, 1000);
		}
		Instant now = this.clock.instant();
		int verified = 0;
		for (Long id : new LinkedHashSet<>(ids)) {
			CiRecord existing = visible(user, id);
			if (existing.status() == CiStatus.RETIRED) {
				continue;
			}
			CiRecord checked = with(existing, existing.status(), now, now, existing.retiredAt());
			if (!this.store.update(checked)) {
				throw new OptimisticLockingFailureException("ci " + id);
			}
			this.history.record(id, Action.VERIFIED, CiHistory.snapshot(existing),
					CiHistory.snapshot(this.store.find(id).orElseThrow()), List.of(), user, now);
			verified++;
		}
		if (verified > 0) {
			this.audit.record("CI_VERIFIED", "CI", null, verified + " CI", true);
		}
		return verified;
	}

	private static CiRecord with(CiRecord r, CiStatus status, Instant updatedAt, Instant verifiedAt, Instant retiredAt) {
		return new CiRecord(r.id(), r.classId(), r.code(), r.name(), r.organisationId(), r.ownerId(), status, r.importance(),
				r.location(), r.vendor(), r.model(), r.serialNumber(), r.contract(), r.documents(), r.tags(), r.notes(),
				r.attributes(), verifiedAt, r.createdAt(), updatedAt, retiredAt, r.version());
	}

	CiRecord visible(CurrentUser user, long id) {
		CiRecord record = this.store.find(id).orElseThrow(OpsGuardException::notFound);
		if (!user.scope().includes(record.organisationId())) {
			throw OpsGuardException.notFound();
		}
		return record;
	}

	/** Checks every field of the input; all problems are reported together, nothing is written. */
	private CiRecord checked(CurrentUser user, ClassDef def, CiRecord existing, CiInput input, Locale locale,
			Instant createdAt, Instant now, Instant verifiedAt) {
		List<FieldProblem> problems = new ArrayList<>();
		String code = input.code() == null ? "" : input.code().trim();
		// checked here as well as on the request, so that imports meet the same rules
		required("code", code, 100, problems, locale);
		required("name", input.name(), 200, problems, locale);
		atMost("location", input.location(), 200, problems, locale);
		atMost("vendor", input.vendor(), 100, problems, locale);
		atMost("model", input.model(), 100, problems, locale);
		atMost("serialNumber", input.serialNumber(), 100, problems, locale);
		atMost("contract", input.contract(), 200, problems, locale);
		atMost("notes", input.notes(), 4000, problems, locale);
		if (this.store.findByCode(code).filter(other -> existing == null || other.id() != existing.id()).isPresent()) {
			problems.add(new FieldProblem("code", CmdbError.CI_CODE_TAKEN, new Object[] { code }));
		}
		if (input.organisationId() == null || !user.scope().includes(input.organisationId())
				|| this.organisations.find(input.organisationId()).isEmpty()) {
			problems.add(new FieldProblem("organisationId", CmdbError.UNKNOWN_REFERENCE, new Object[] { label("organisationId", locale) }));
		}
		if (input.ownerId() != null && this.users.find(input.ownerId()).isEmpty()) {
			problems.add(new FieldProblem("ownerId", CmdbError.UNKNOWN_REFERENCE, new Object[] { label("ownerId", locale) }));
		}
		if (input.status() == CiStatus.RETIRED) {
			problems.add(new FieldProblem("status", CmdbError.USE_RETIRE, new Object[0]));
		}
		List<String> tags = tags(input.tags(), problems, locale);
		List<Document> documents = documents(input.documents(), problems, locale);
		List<AttributeDef> definitions = this.catalog.attributes(def.id());
		AttributeValues.Result attributes = AttributeValues.check(input.attributes(), definitions, references(user), locale);
		problems.addAll(attributes.problems());
		problems.addAll(uniqueConflicts(definitions, attributes.values(), existing == null ? null : existing.id(), locale));
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(CommonError.VALIDATION_FAILED, problems, problems.size());
		}
		boolean physical = this.catalog.physical(def.id());
		return new CiRecord(existing == null ? 0 : existing.id(), def.id(), code, input.name().trim(), input.organisationId(),
				input.ownerId(), input.status() == null ? (existing == null ? CiStatus.IN_USE : existing.status()) : input.status(),
				input.importance() == null ? Importance.GENERAL : input.importance(), blank(input.location()),
				physical ? blank(input.vendor()) : null, physical ? blank(input.model()) : null,
				physical ? blank(input.serialNumber()) : null, physical ? blank(input.contract()) : null,
				physical ? documents : List.of(), tags, blank(input.notes()), attributes.values(), verifiedAt, createdAt, now,
				null, existing == null ? 0 : existing.version());
	}

	private String label(String field, Locale locale) {
		return this.messages.getMessage("cmdb.field." + field, null, field, locale);
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	private void required(String field, String value, int max, List<FieldProblem> problems, Locale locale) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, CmdbError.REQUIRED, new Object[] { label(field, locale) }));
		}
		else {
			atMost(field, value, max, problems, locale);
		}
	}

	private void atMost(String field, String value, int max, List<FieldProblem> problems, Locale locale) {
		if (value != null && value.trim().length() > max) {
			problems.add(new FieldProblem(field, CmdbError.TOO_LONG, new Object[] { label(field, locale), max }));
		}
	}

	private List<String> tags(List<String> input, List<FieldProblem> problems, Locale locale) {
		if (input == null) {
			return List.of();
		}
		List<String> tags = input.stream().filter(t -> t != null && !t.isBlank()).map(String::trim).distinct().toList();
		if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > 30 || t.contains("|"))) {
			problems.add(new FieldProblem("tags", CmdbError.OUT_OF_RULE, new Object[] { label("tags", locale),
					this.messages.getMessage("cmdb.rule.tags", new Object[] { MAX_TAGS }, locale) }));
		}
		return tags;
	}

	private List<Document> documents(List<Document> input, List<FieldProblem> problems, Locale locale) {
		if (input == null) {
			return List.of();
		}
		List<Document> documents = input.stream()
			.filter(d -> d != null && d.title() != null && !d.title().isBlank())
			.map(d -> new Document(d.title().trim(), blank(d.reference())))
			.toList();
		if (documents.size() > 50 || documents.stream()
			.anyMatch(d -> d.title().length() > 200 || (d.reference() != null && d.reference().length() > 500))) {
			problems.add(new FieldProblem("documents", CmdbError.OUT_OF_RULE, new Object[] { label("documents", locale),
					this.messages.getMessage("cmdb.rule.documents", null, locale) }));
		}
		return documents;
	}

	private AttributeValues.References references(CurrentUser user) {
		return new AttributeValues.References() {
			@Override
			public boolean ci(long id, String refClassCode) {
				return CiService.this.store.find(id)
					.filter(c -> user.scope().includes(c.organisationId()))
					.filter(c -> refClassCode == null || CiService.this.catalog.isA(c.classId(), refClassCode))
					.isPresent();
			}

			@Override
			public boolean user(long id) {
				return CiService.this.users.find(id).isPresent();
			}

			@Override
			public boolean organisation(long id) {
				return CiService.this.organisations.find(id).isPresent();
			}
		};
	}

	private List<FieldProblem> uniqueConflicts(List<AttributeDef> definitions, Map<String, Object> values, Long self,
			Locale locale) {
		List<FieldProblem> problems = new ArrayList<>();
		for (AttributeDef def : definitions) {
			Object value = values.get(def.code());
			if (!def.unique() || value == null) {
				continue;
			}
			this.jdbc.sql("""
					select c.code from cmdb_unique_value u join cmdb_ci c on c.id = u.ci_id
					where u.attribute_id = :attribute and u.value_key = :key""")
				.param("attribute", def.id())
				.param("key", AttributeValues.key(value))
				.query(String.class)
				.optional()
				.filter(code -> self == null || this.store.find(self).map(c -> !c.code().equals(code)).orElse(true))
				.ifPresent(other -> problems.add(new FieldProblem("attributes." + def.code(), CmdbError.NOT_UNIQUE,
						new Object[] { ClassCatalog.name(def, locale), value, other })));
		}
		return problems;
	}

	private void writeUniqueValues(CiRecord r) {
		this.jdbc.sql("delete from cmdb_unique_value where ci_id = :id").param("id", r.id()).update();
		for (AttributeDef def : this.catalog.attributes(r.classId())) {
			Object value = r.attributes().get(def.code());
			if (def.unique() && value != null) {
				this.jdbc.sql("insert into cmdb_unique_value (attribute_id, value_key, ci_id) values (:a, :k, :c)")
					.param("a", def.id())
					.param("k", AttributeValues.key(value))
					.param("c", r.id())
					.update();
			}
		}
	}

	/** What a client may set on a CI. */
	public record CiInput(String code, String name, Long organisationId, Long ownerId, CiStatus status,
			Importance importance, String location, String vendor, String model, String serialNumber, String contract,
			List<Document> documents, List<String> tags, String notes, Map<String, Object> attributes, Integer version) {
	}

	/** Filters of the CI list; every field is optional. */
	public record CiFilter(String q, String name, Long classId, boolean includeSubclasses, Long organisationId,
			CiStatus status, Importance importance, String tag, Long ownerId, Integer unverifiedDays,
			boolean includeRetired) {
	}

	/** A CI as it was at a moment: the version in force then. */
	public record AsOf(CiView ci, int version, Instant changedAt, Instant asOf) {
	}

	record Where(String from, String condition, Map<String, Object> params, String orderPrefix) {

		String sql() {
			return this.condition.isEmpty() ? "" : " where " + this.condition;
		}

	}

	/** One version in a CI's timeline, labelled. */
	public record HistoryView(int version, Instant changedAt, Long userId, String username, Action action,
			String actionLabel, List<ChangeView> changes) {
	}

	/** One changed field: label and values as text. */
	public record ChangeView(String field, String label, String before, String after) {
	}

}
