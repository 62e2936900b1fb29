package io.opsguard.cmdb.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
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
import io.opsguard.cmdb.internal.CiStore.Where;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.DataScope;
import io.opsguard.identity.Organisations;
import io.opsguard.identity.Users;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Configuration items: searched, created, changed, retired and verified within the caller's
 * organisation scope; every write checks the class's attributes and the references (organisation,
 * owner, referenced users and CIs must be in the caller's scope, and one outside it is refused like
 * one that does not exist), keeps a version in the CI's history, is audited and published as an
 * event. A write locks the CIs it touches in ascending id order before it records their history.
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

	private final ClassCatalog catalog;

	private final CmdbGraph graph;

	private final Organisations organisations;

	private final Users users;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final CiListCache lists;

	private final MessageSource messages;

	CiService(CiStore store, CiHistory history, ClassCatalog catalog, CmdbGraph graph, Organisations organisations,
			Users users, AuditTrail audit, ApplicationEventPublisher events, Clock clock, CiListCache lists,
			MessageSource messages) {
		this.messages = messages;
		this.store = store;
		this.history = history;
		this.catalog = catalog;
		this.graph = graph;
		this.organisations = organisations;
		this.users = users;
		this.audit = audit;
		this.events = events;
		this.clock = clock;
		this.lists = lists;
	}

	// ---- reading -------------------------------------------------------------------------

	@Transactional(readOnly = true)
	public PageResult<CiRecord> search(CurrentUser user, CiFilter filter, Integer page, Integer size, String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "c.name, c.id");
		Where where = where(user, filter);
		boolean byClock = filter.unverifiedDays() != null;
		if (!byClock && paging.offset() >= DEEP_PAGE_OFFSET) {
			// deep in a long list: the page's ids come from the list's order, its rows are read by id
			long[] order = this.lists.order(where.key(paging.orderBy()), () -> {
				LongStream.Builder all = LongStream.builder();
				this.store.eachId(where, paging.orderBy(), all::add);
				return all.build().toArray();
			});
			int from = (int) Math.min(order.length, paging.offset());
			List<Long> ids = Arrays.stream(order, from, Math.min(order.length, from + paging.size())).boxed().toList();
			return new PageResult<>(this.store.findAll(ids, where.condition(), where.params()), order.length,
					paging.page(), paging.size());
		}
		// the same total on every page of a list, until a CI changes (totals by the clock are not kept)
		long total = byClock ? this.store.count(where)
				: this.lists.total(where.key("count"), () -> this.store.count(where));
		List<Long> ids = total == 0 ? List.of() : this.store.ids(where, paging.orderBy(), paging.size(), paging.offset());
		return new PageResult<>(this.store.findAll(ids), total, paging.page(), paging.size());
	}

	/** Every matching CI (for exports), at most {@code limit}. */
	@Transactional(readOnly = true)
	public List<CiRecord> all(CurrentUser user, CiFilter filter, int limit) {
		Where where = where(user, filter);
		List<Long> ids = this.store.ids(where, "c.name, c.id", limit, 0);
		List<CiRecord> records = new ArrayList<>();
		for (int from = 0; from < ids.size(); from += 500) {
			records.addAll(this.store.findAll(ids.subList(from, Math.min(ids.size(), from + 500))));
		}
		return records;
	}

	private Where where(CurrentUser user, CiFilter filter) {
		Collection<Long> classes = filter.classId() == null ? null
				: filter.includeSubclasses() ? this.catalog.subtree(filter.classId()) : List.of(filter.classId());
		Collection<Long> organisations = filter.organisationId() == null ? null
				: this.organisations.subtree(filter.organisationId());
		Instant verifiedBefore = filter.unverifiedDays() == null ? null
				: this.clock.instant().minus(Duration.ofDays(filter.unverifiedDays()));
		return this.store.where(user.scope(), filter, classes, organisations, verifiedBefore);
	}

	@Transactional(readOnly = true)
	public CiRecord get(CurrentUser user, long id) {
		return visible(user, id);
	}

	/** The CI and its versions, newest first. */
	@Transactional(readOnly = true)
	public Timeline history(CurrentUser user, long id) {
		CiRecord record = visible(user, id);
		return new Timeline(record, this.history.entries(id));
	}

	/** The CI as it was at {@code at}, rebuilt from its history. */
	@Transactional(readOnly = true)
	public AsOf asOf(CurrentUser user, long id, Instant at) {
		CiRecord current = visible(user, id);
		CiHistory.Version version = this.history.asOf(id, at)
			.orElseThrow(() -> new OpsGuardException(CmdbError.NOT_YET_EXISTING, current.name()));
		return new AsOf(CiHistory.record(current.id(), version.snapshot()), version.version(), version.changedAt(), at);
	}

	/** Codes and names of the CIs among {@code ids} that the scope may see; the others are left out. */
	@Transactional(readOnly = true)
	public Map<Long, CiName> visibleNames(DataScope scope, Collection<Long> ids) {
		Map<Long, CiName> names = new HashMap<>(this.store.names(ids));
		names.values().removeIf(n -> !scope.includes(n.organisationId()));
		return names;
	}

	// ---- writing -------------------------------------------------------------------------

	@Transactional
	public CiRecord create(CurrentUser user, long classId, CiInput input) {
		return createRecord(user, classId, input, Action.CREATED);
	}

	CiRecord createRecord(CurrentUser user, long classId, CiInput input, Action action) {
		ClassDef def = this.catalog.find(classId)
			.orElseThrow(() -> OpsGuardException.onField("classId", CmdbError.UNKNOWN_CLASS, classId));
		Instant now = this.clock.instant();
		Checked checked = check(user, def, null, input, now);
		checked.throwIfInvalid();
		long id = this.store.insert(checked.candidate());
		CiRecord created = this.store.find(id).orElseThrow();
		this.store.replaceUniqueValues(id, checked.uniqueKeys());
		this.history.record(id, action, null, CiHistory.snapshot(created), List.of(), user, now);
		this.graph.nodeChanged(id, created.classId(), created.organisationId(), false);
		this.audit.record("CI_CREATED", "CI", id, created.code() + " " + created.name(), true);
		this.events.publishEvent(new CiCreated(id, def.code(), created.organisationId()));
		return created;
	}

	/** Changes a CI; the input must carry the version it was based on. */
	@Transactional
	public CiRecord update(CurrentUser user, long id, CiInput input) {
		if (input.version() == null) {
			throw OpsGuardException.onField("version", CmdbError.REQUIRED, Localised.key("cmdb.field.version"));
		}
		return updateRecord(user, id, input, Action.UPDATED);
	}

	CiRecord updateRecord(CurrentUser user, long id, CiInput input, Action action) {
		CiRecord existing = visible(user, id);
		if (existing.status() == CiStatus.RETIRED) {
			throw new OpsGuardException(CmdbError.CI_RETIRED, existing.name());
		}
		if (input.version() != null && input.version() != existing.version()) {
			throw new OptimisticLockingFailureException("ci " + id);
		}
		ClassDef def = this.catalog.find(existing.classId()).orElseThrow();
		Instant now = this.clock.instant();
		Checked checked = check(user, def, existing, input, now);
		checked.throwIfInvalid();
		CiRecord candidate = checked.candidate();
		List<Change> changes = CiHistory.diff(CiHistory.snapshot(existing), CiHistory.snapshot(candidate));
		if (changes.isEmpty()) {
			return existing;
		}
		// the row is locked from here on: history versions of the CI are numbered one writer at a time
		if (!this.store.update(candidate)) {
			throw new OptimisticLockingFailureException("ci " + id);
		}
		CiRecord updated = this.store.find(id).orElseThrow();
		this.store.replaceUniqueValues(id, checked.uniqueKeys());
		this.history.record(id, action, CiHistory.snapshot(existing), CiHistory.snapshot(updated), List.of(), user, now);
		this.graph.nodeChanged(id, updated.classId(), updated.organisationId(), false);
		// the audit log is kept in the platform's language (Chinese): fields by their names
		// (to become a message key with arguments once the audit trail takes them)
		Map<String, String> attributeNames = new HashMap<>();
		this.catalog.attributes(updated.classId()).forEach(a -> attributeNames.put("attributes." + a.code(), a.nameZh()));
		this.audit.record("CI_UPDATED", "CI", id, updated.code() + "：" + changes.stream()
			.map(c -> attributeNames.getOrDefault(c.field(),
					this.messages.getMessage("cmdb.field." + c.field(), null, c.field(), java.util.Locale.SIMPLIFIED_CHINESE)))
			.collect(Collectors.joining("、")), true);
		this.events.publishEvent(new CiChanged(id, changes.stream().map(Change::field).collect(Collectors.toSet())));
		return updated;
	}

	@Transactional
	public CiRecord retire(CurrentUser user, long id) {
		CiRecord existing = visible(user, id);
		if (existing.status() == CiStatus.RETIRED) {
			return existing;
		}
		Instant now = this.clock.instant();
		CiRecord retired = with(existing, CiStatus.RETIRED, now, existing.lastVerifiedAt(), now);
		if (!this.store.update(retired)) {
			throw new OptimisticLockingFailureException("ci " + id);
		}
		CiRecord stored = this.store.find(id).orElseThrow();
		this.store.deleteUniqueValues(id);
		this.history.record(id, Action.RETIRED, CiHistory.snapshot(existing), CiHistory.snapshot(stored), List.of(), user,
				now);
		this.graph.nodeChanged(id, stored.classId(), stored.organisationId(), true);
		this.audit.record("CI_RETIRED", "CI", id, stored.code() + " " + stored.name(), true);
		this.events.publishEvent(new CiRetired(id));
		return stored;
	}

	/** Marks CIs as checked against reality today (monthly review, R-CMDB-03). */
	@Transactional
	public int verify(CurrentUser user, Collection<Long> ids) {
		if (ids.size() > 1000) {
			throw OpsGuardException.onField("ids", CmdbError.TOO_MANY, 1000);
		}
		Set<Long> distinct = new LinkedHashSet<>(ids);
		for (Long id : distinct) {
			visible(user, id);
		}
		this.store.lock(distinct);
		Instant now = this.clock.instant();
		int verified = 0;
		for (Long id : distinct) {
			CiRecord existing = this.store.find(id).orElseThrow();
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

	/** The CI if the caller's scope includes it; 404 otherwise, exactly as for a CI that does not exist. */
	CiRecord visible(CurrentUser user, long id) {
		CiRecord record = this.store.find(id).orElseThrow(OpsGuardException::notFound);
		if (!user.scope().includes(record.organisationId())) {
			throw OpsGuardException.notFound();
		}
		return record;
	}

	// ---- the rules of a CI -----------------------------------------------------------------

	/**
	 * Checks every field of the input against the class and the caller's scope; writes nothing.
	 * {@code existing} is the CI being changed (null for a new one).
	 */
	Checked check(CurrentUser user, ClassDef def, CiRecord existing, CiInput input, Instant now) {
		List<FieldProblem> problems = new ArrayList<>();
		String code = input.code() == null ? "" : input.code().trim();
		// checked here as well as on the request, so that imports meet the same rules
		required("code", code, 100, problems);
		required("name", input.name(), 200, problems);
		atMost("location", input.location(), 200, problems);
		atMost("vendor", input.vendor(), 100, problems);
		atMost("model", input.model(), 100, problems);
		atMost("serialNumber", input.serialNumber(), 100, problems);
		atMost("contract", input.contract(), 200, problems);
		atMost("notes", input.notes(), 4000, problems);
		if (!code.isEmpty() && this.store.findByCode(code)
			.filter(other -> existing == null || other.id() != existing.id())
			.isPresent()) {
			// the same words whoever holds the code: nothing is told about CIs outside the scope
			problems.add(new FieldProblem("code", CmdbError.CI_CODE_TAKEN, new Object[] { code }));
		}
		if (input.organisationId() == null || !user.scope().includes(input.organisationId())
				|| this.organisations.find(input.organisationId()).isEmpty()) {
			problems.add(new FieldProblem("organisationId", CmdbError.UNKNOWN_REFERENCE, new Object[] { label("organisationId") }));
		}
		if (input.ownerId() != null && !(existing != null && input.ownerId().equals(existing.ownerId()))
				&& !userInScope(user.scope(), input.ownerId())) {
			problems.add(new FieldProblem("ownerId", CmdbError.UNKNOWN_REFERENCE, new Object[] { label("ownerId") }));
		}
		if (input.status() == CiStatus.RETIRED) {
			problems.add(new FieldProblem("status", CmdbError.USE_RETIRE, new Object[0]));
		}
		List<String> tags = tags(input.tags(), problems);
		List<Document> documents = documents(input.documents(), problems);
		List<AttributeDef> definitions = this.catalog.attributes(def.id());
		AttributeValues.Result attributes = AttributeValues.check(input.attributes(), definitions,
				references(user, existing));
		problems.addAll(attributes.problems());
		Map<Long, String> uniqueKeys = uniqueKeys(definitions, attributes.values());
		problems.addAll(uniqueConflicts(definitions, uniqueKeys, attributes.values(), existing == null ? null : existing.id()));
		boolean physical = this.catalog.physical(def.id());
		String name = input.name() == null ? "" : input.name().trim();
		CiRecord candidate = new CiRecord(existing == null ? 0 : existing.id(), def.id(), code, name,
				input.organisationId() == null ? 0 : input.organisationId(), input.ownerId(),
				input.status() == null ? (existing == null ? CiStatus.IN_USE : existing.status()) : input.status(),
				input.importance() == null ? Importance.GENERAL : input.importance(), blank(input.location()),
				physical ? blank(input.vendor()) : null, physical ? blank(input.model()) : null,
				physical ? blank(input.serialNumber()) : null, physical ? blank(input.contract()) : null,
				physical ? documents : List.of(), tags, blank(input.notes()), attributes.values(),
				existing == null ? null : existing.lastVerifiedAt(), existing == null ? now : existing.createdAt(), now, null,
				existing == null ? 0 : existing.version());
		return new Checked(candidate, problems, uniqueKeys);
	}

	/** A checked input: the CI as it would be written, and what is wrong with it. */
	record Checked(CiRecord candidate, List<FieldProblem> problems, Map<Long, String> uniqueKeys) {

		void throwIfInvalid() {
			if (!this.problems.isEmpty()) {
				throw OpsGuardException.onFields(CommonError.VALIDATION_FAILED, this.problems, this.problems.size());
			}
		}

	}

	boolean userInScope(DataScope scope, long userId) {
		return this.users.find(userId).filter(u -> scope.includes(u.organisationId())).isPresent();
	}

	static MessageSourceResolvable label(String field) {
		return Localised.key("cmdb.field." + field);
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	private static void required(String field, String value, int max, List<FieldProblem> problems) {
		if (value == null || value.isBlank()) {
			problems.add(new FieldProblem(field, CmdbError.REQUIRED, new Object[] { label(field) }));
		}
		else {
			atMost(field, value, max, problems);
		}
	}

	private static void atMost(String field, String value, int max, List<FieldProblem> problems) {
		if (value != null && value.trim().length() > max) {
			problems.add(new FieldProblem(field, CmdbError.TOO_LONG, new Object[] { label(field), max }));
		}
	}

	private static List<String> tags(List<String> input, List<FieldProblem> problems) {
		if (input == null) {
			return List.of();
		}
		List<String> tags = input.stream().filter(t -> t != null && !t.isBlank()).map(String::trim).distinct().toList();
		if (tags.size() > MAX_TAGS || tags.stream().anyMatch(t -> t.length() > 30 || t.contains("|"))) {
			problems.add(new FieldProblem("tags", CmdbError.OUT_OF_RULE,
					new Object[] { label("tags"), Localised.key("cmdb.rule.tags", MAX_TAGS) }));
		}
		return tags;
	}

	private static List<Document> documents(List<Document> input, List<FieldProblem> problems) {
		if (input == null) {
			return List.of();
		}
		List<Document> documents = input.stream()
			.filter(d -> d != null && d.title() != null && !d.title().isBlank())
			.map(d -> new Document(d.title().trim(), blank(d.reference())))
			.toList();
		if (documents.size() > 50 || documents.stream()
			.anyMatch(d -> d.title().length() > 200 || (d.reference() != null && d.reference().length() > 500))) {
			problems.add(new FieldProblem("documents", CmdbError.OUT_OF_RULE,
					new Object[] { label("documents"), Localised.key("cmdb.rule.documents") }));
		}
		return documents;
	}

	/**
	 * What references may point to: users and CIs of the caller's scope (or what the CI already
	 * points to, which a user may keep without seeing it), any organisation.
	 */
	private AttributeValues.References references(CurrentUser user, CiRecord existing) {
		Set<Object> kept = new java.util.HashSet<>();
		if (existing != null) {
			existing.attributes().values().forEach(v -> kept.add(v instanceof Number n ? n.longValue() : v));
		}
		return new AttributeValues.References() {
			@Override
			public boolean ci(long id, String refClassCode) {
				return CiService.this.store.find(id)
					.filter(c -> kept.contains(id) || user.scope().includes(c.organisationId()))
					.filter(c -> refClassCode == null || CiService.this.catalog.isA(c.classId(), refClassCode))
					.isPresent();
			}

			@Override
			public boolean user(long id) {
				return kept.contains(id) ? CiService.this.users.find(id).isPresent() : userInScope(user.scope(), id);
			}

			@Override
			public boolean organisation(long id) {
				return CiService.this.organisations.find(id).isPresent();
			}
		};
	}

	/** The keys of the values of unique attributes, by attribute id. */
	private static Map<Long, String> uniqueKeys(List<AttributeDef> definitions, Map<String, Object> values) {
		Map<Long, String> keys = new LinkedHashMap<>();
		for (AttributeDef def : definitions) {
			Object value = values.get(def.code());
			if (def.unique() && value != null) {
				keys.put(def.id(), AttributeValues.key(value));
			}
		}
		return keys;
	}

	/** Unique values another CI holds already; that CI is not named (it may be outside the scope). */
	private List<FieldProblem> uniqueConflicts(List<AttributeDef> definitions, Map<Long, String> keys,
			Map<String, Object> values, Long self) {
		List<FieldProblem> problems = new ArrayList<>();
		for (AttributeDef def : definitions) {
			String key = keys.get(def.id());
			if (key != null && this.store.uniqueHolder(def.id(), key).filter(holder -> !Objects.equals(holder, self)).isPresent()) {
				problems.add(new FieldProblem("attributes." + def.code(), CmdbError.NOT_UNIQUE,
						new Object[] { ClassCatalog.label(def), values.get(def.code()) }));
			}
		}
		return problems;
	}

	/** What a client may set on a CI. */
	public record CiInput(String code, String name, Long organisationId, Long ownerId, CiStatus status,
			Importance importance, String location, String vendor, String model, String serialNumber, String contract,
			List<Document> documents, List<String> tags, String notes, Map<String, Object> attributes, Integer version) {
	}

	/** A CI with its versions, newest first. */
	public record Timeline(CiRecord ci, List<CiHistory.Entry> entries) {
	}

	/** A CI as it was at a moment: the version in force then. */
	public record AsOf(CiRecord ci, int version, Instant changedAt, Instant asOf) {
	}

}
