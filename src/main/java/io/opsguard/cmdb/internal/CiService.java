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
import io.opsguard.cmdb.internal.CiChecks.Checked;
import io.opsguard.cmdb.internal.CiRecord.Document;
import io.opsguard.cmdb.internal.CiStore.Where;
import io.opsguard.cmdb.internal.ClassCatalog.AttributeDef;
import io.opsguard.cmdb.internal.ClassCatalog.ClassDef;
import io.opsguard.identity.AuditMessage;
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
 * organisation scope; every write is checked first ({@link CiChecks}), keeps a version in the CI's
 * history, is audited and published as an event. A write locks the CIs it touches in ascending id
 * order before it records their history.
 */
@Service
public class CiService {

	static final Map<String, String> SORTABLE = Map.of("name", "c.name", "code", "c.code", "updatedAt",
			"c.updated_at", "lastVerifiedAt", "c.last_verified_at", "importance",
			"case c.importance when 'CORE' then 0 when 'KEY' then 1 else 2 end", "createdAt", "c.created_at");

	/** From this row on, a page is found through the list's kept order ({@link CiListCache}). */
	static final int DEEP_PAGE_OFFSET = 250;

	private final CiStore store;

	private final CiHistory history;

	private final ClassCatalog catalog;

	private final CmdbGraph graph;

	private final Organisations organisations;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	private final CiListCache lists;

	private final MessageSource messages;

	private final CiChecks checks;

	CiService(CiStore store, CiHistory history, ClassCatalog catalog, CmdbGraph graph, Organisations organisations,
			AuditTrail audit, ApplicationEventPublisher events, Clock clock, CiListCache lists, MessageSource messages,
			CiChecks checks) {
		this.messages = messages;
		this.checks = checks;
		this.store = store;
		this.history = history;
		this.catalog = catalog;
		this.graph = graph;
		this.organisations = organisations;
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
		Checked checked = this.checks.check(user, def, null, input, now);
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
			throw OpsGuardException.onField("version", CmdbError.REQUIRED, CiChecks.label("version"));
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
		Checked checked = this.checks.check(user, def, existing, input, now);
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
		// the fields by their names in both languages: the reader's language picks one
		this.audit.record("CI_UPDATED", "CI", id, AuditMessage.of("cmdb.audit.updated", updated.code(),
				fieldNames(updated.classId(), changes, java.util.Locale.SIMPLIFIED_CHINESE, "、"),
				fieldNames(updated.classId(), changes, java.util.Locale.ENGLISH, ", ")), true);
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
			this.audit.record("CI_VERIFIED", "CI", null, AuditMessage.of("cmdb.audit.verified", verified), true);
		}
		return verified;
	}

	/** The names of the changed fields in one language, joined. */
	private String fieldNames(long classId, List<Change> changes, java.util.Locale language, String separator) {
		Map<String, String> attributeNames = new HashMap<>();
		this.catalog.attributes(classId)
			.forEach(a -> attributeNames.put("attributes." + a.code(), ClassCatalog.name(a, language)));
		return changes.stream()
			.map(c -> attributeNames.getOrDefault(c.field(),
					this.messages.getMessage("cmdb.field." + c.field(), null, c.field(), language)))
			.collect(Collectors.joining(separator));
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
