package io.opsguard.cmdb.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.RelationChanged;
import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.StandbyMode;
import io.opsguard.cmdb.internal.CiHistory.Action;
import io.opsguard.cmdb.internal.CiHistory.Change;
import io.opsguard.cmdb.internal.CmdbGraph.Edge;
import io.opsguard.cmdb.internal.CmdbGraph.Graph;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Relations between CIs: checked against the rules of their type (allowed class pairs, no cycles
 * for acyclic types, a standby mode for standbys), recorded in both CIs' history and audited.
 */
@Service
public class RelationService {

	private final JdbcClient jdbc;

	private final CiService cis;

	private final CiStore store;

	private final CiHistory history;

	private final ClassCatalog catalog;

	private final CmdbGraph graph;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final Clock clock;

	RelationService(JdbcClient jdbc, CiService cis, CiStore store, CiHistory history, ClassCatalog catalog,
			CmdbGraph graph, AuditTrail audit, ApplicationEventPublisher events, MessageSource messages, Clock clock) {
		this.jdbc = jdbc;
		this.cis = cis;
		this.store = store;
		this.history = history;
		this.catalog = catalog;
		this.graph = graph;
		this.audit = audit;
		this.events = events;
		this.messages = messages;
		this.clock = clock;
	}

	/** The relations of a CI, both directions; the other end is named only when the caller may see it. */
	@Transactional(readOnly = true)
	public List<RelationView> of(CurrentUser user, long ciId, RelationType type, Locale locale) {
		this.cis.visible(user, ciId);
		List<RelationRow> rows = this.jdbc.sql("""
				select id, type, source_id, target_id, standby_mode, notes, created_at, created_by from cmdb_relation
				where (source_id = :id or target_id = :id)""" + (type == null ? "" : " and type = :type")
				+ " order by type, id")
			.param("id", ciId)
			.params(type == null ? Map.of() : Map.of("type", type.name()))
			.query((rs, i) -> new RelationRow(rs.getLong(1), RelationType.valueOf(rs.getString(2)), rs.getLong(3),
					rs.getLong(4), rs.getString(5) == null ? null : StandbyMode.valueOf(rs.getString(5)), rs.getString(6),
					rs.getTimestamp(7).toInstant(), rs.getString(8)))
			.list();
		List<Long> ends = new ArrayList<>();
		rows.forEach(r -> {
			ends.add(r.sourceId());
			ends.add(r.targetId());
		});
		Map<Long, CiRecord> records = new HashMap<>();
		this.store.findAll(ends.stream().distinct().toList()).forEach(c -> records.put(c.id(), c));
		return rows.stream().map(r -> view(r, ciId, records, user, locale)).toList();
	}

	private RelationView view(RelationRow r, long perspective, Map<Long, CiRecord> records, CurrentUser user,
			Locale locale) {
		CiRecord source = records.get(r.sourceId());
		CiRecord target = records.get(r.targetId());
		boolean sourceVisible = source != null && user.scope().includes(source.organisationId());
		boolean targetVisible = target != null && user.scope().includes(target.organisationId());
		return new RelationView(r.id(), r.type(), typeLabel(r.type(), locale), r.sourceId() == perspective ? "OUT" : "IN",
				r.sourceId(), sourceVisible ? source.code() : null, sourceVisible ? source.name() : null,
				sourceVisible ? classCode(source) : null, r.targetId(), targetVisible ? target.code() : null,
				targetVisible ? target.name() : null, targetVisible ? classCode(target) : null,
				r.sourceId() == perspective ? targetVisible : sourceVisible, r.standbyMode(), r.notes(), r.createdAt(),
				r.createdBy());
	}

	private String classCode(CiRecord record) {
		return this.catalog.find(record.classId()).map(ClassCatalog.ClassDef::code).orElse(null);
	}

	public String typeLabel(RelationType type, Locale locale) {
		return this.messages.getMessage("cmdb.relation." + type.name(), null, type.name(), locale);
	}

	public String inverseLabel(RelationType type, Locale locale) {
		return this.messages.getMessage("cmdb.relation." + type.name() + ".inverse", null, type.name(), locale);
	}

	@Transactional
	public RelationView create(CurrentUser user, RelationInput input, Locale locale) {
		CiRecord source = end(user, input.sourceId(), "sourceId");
		CiRecord target = end(user, input.targetId(), "targetId");
		RelationType type = input.type();
		if (source.id() == target.id()) {
			throw OpsGuardException.onField("targetId", CmdbError.RELATION_TO_ITSELF);
		}
		if (source.status() == CiStatus.RETIRED || target.status() == CiStatus.RETIRED) {
			throw new OpsGuardException(CmdbError.RELATION_RETIRED,
					(source.status() == CiStatus.RETIRED ? source : target).name());
		}
		if (!this.catalog.allowed(type, source.classId(), target.classId())) {
			throw OpsGuardException.onField("type", CmdbError.RELATION_NOT_ALLOWED, typeLabel(type, locale),
					className(source, locale), className(target, locale));
		}
		if (type == RelationType.STANDBY_OF) {
			if (input.standbyMode() == null) {
				throw OpsGuardException.onField("standbyMode", CmdbError.STANDBY_MODE);
			}
		}
		else if (input.standbyMode() != null) {
			throw OpsGuardException.onField("standbyMode", CmdbError.STANDBY_MODE);
		}
		long exists = this.jdbc.sql("select count(*) from cmdb_relation where type = :type and source_id = :s and target_id = :t")
			.param("type", type.name())
			.param("s", source.id())
			.param("t", target.id())
			.query(Long.class)
			.single();
		if (exists > 0) {
			throw new OpsGuardException(CmdbError.RELATION_EXISTS, source.name(), typeLabel(type, locale), target.name());
		}
		if (type.acyclic()) {
			cycle(type, source.id(), target.id()).ifPresent(path -> {
				throw OpsGuardException.onField("targetId", CmdbError.RELATION_CYCLE, describe(path));
			});
		}
		Instant now = this.clock.instant();
		var keys = new org.springframework.jdbc.support.GeneratedKeyHolder();
		this.jdbc.sql("""
				insert into cmdb_relation (type, source_id, target_id, standby_mode, notes, created_at, created_by)
				values (:type, :s, :t, :mode, :notes, :at, :by)""")
			.param("type", type.name())
			.param("s", source.id())
			.param("t", target.id())
			.param("mode", input.standbyMode() == null ? null : input.standbyMode().name())
			.param("notes", input.notes() == null || input.notes().isBlank() ? null : input.notes().trim())
			.param("at", Timestamp.from(now))
			.param("by", user.username())
			.update(keys, "id");
		long id = keys.getKeyAs(Number.class).longValue();
		String text = describe(source, type, input.standbyMode(), target);
		recordOnBothEnds(source, target, Action.RELATION_ADDED, null, text, user, now);
		this.graph.relationAdded(id, type, source.id(), target.id());
		this.audit.record("CI_RELATION_ADDED", "CI_RELATION", id, text, true);
		this.events.publishEvent(new RelationChanged(id, type, source.id(), target.id(), true));
		return of(user, source.id(), null, locale).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
	}

	@Transactional
	public void delete(CurrentUser user, long id) {
		RelationRow row = this.jdbc.sql("""
				select id, type, source_id, target_id, standby_mode, notes, created_at, created_by from cmdb_relation
				where id = :id""")
			.param("id", id)
			.query((rs, i) -> new RelationRow(rs.getLong(1), RelationType.valueOf(rs.getString(2)), rs.getLong(3),
					rs.getLong(4), rs.getString(5) == null ? null : StandbyMode.valueOf(rs.getString(5)), rs.getString(6),
					rs.getTimestamp(7).toInstant(), rs.getString(8)))
			.optional()
			.orElseThrow(OpsGuardException::notFound);
		// both ends must be visible: removing a relation changes both CIs
		CiRecord source = this.cis.visible(user, row.sourceId());
		CiRecord target = this.cis.visible(user, row.targetId());
		this.jdbc.sql("delete from cmdb_relation where id = :id").param("id", id).update();
		Instant now = this.clock.instant();
		String text = describe(source, row.type(), row.standbyMode(), target);
		recordOnBothEnds(source, target, Action.RELATION_REMOVED, text, null, user, now);
		this.graph.relationRemoved(id, row.sourceId(), row.targetId());
		this.audit.record("CI_RELATION_REMOVED", "CI_RELATION", id, text, true);
		this.events.publishEvent(new RelationChanged(id, row.type(), row.sourceId(), row.targetId(), false));
	}

	/** "A 运行于 B" in the language records are kept in. */
	private String describe(CiRecord source, RelationType type, StandbyMode mode, CiRecord target) {
		String label = typeLabel(type, Locale.SIMPLIFIED_CHINESE);
		String standby = mode == null ? ""
				: "（" + this.messages.getMessage("cmdb.standby." + mode, null, mode.name(), Locale.SIMPLIFIED_CHINESE) + "）";
		return source.name() + "（" + source.code() + "） " + label + standby + " " + target.name() + "（" + target.code() + "）";
	}

	private void recordOnBothEnds(CiRecord source, CiRecord target, Action action, String before, String after,
			CurrentUser user, Instant now) {
		for (CiRecord end : List.of(source, target)) {
			Map<String, Object> snapshot = CiHistory.snapshot(end);
			this.history.record(end.id(), action, snapshot, snapshot, List.of(new Change("relation", before, after)), user,
					now);
		}
	}

	private CiRecord end(CurrentUser user, Long id, String field) {
		if (id == null) {
			throw OpsGuardException.onField(field, CmdbError.UNKNOWN_REFERENCE, field);
		}
		return this.store.find(id)
			.filter(c -> user.scope().includes(c.organisationId()))
			.orElseThrow(() -> OpsGuardException.onField(field, CmdbError.UNKNOWN_REFERENCE, field));
	}

	private String className(CiRecord record, Locale locale) {
		return this.catalog.find(record.classId()).map(d -> ClassCatalog.name(d, locale)).orElse("?");
	}

	/** The path target → … → source along relations of the type, which the new relation would close. */
	Optional<List<Long>> cycle(RelationType type, long sourceId, long targetId) {
		Graph g = this.graph.graph();
		Map<Long, Long> parent = new HashMap<>();
		Deque<Long> queue = new ArrayDeque<>();
		queue.add(targetId);
		parent.put(targetId, null);
		while (!queue.isEmpty()) {
			long current = queue.poll();
			if (current == sourceId) {
				List<Long> path = new ArrayList<>();
				for (Long at = current; at != null; at = parent.get(at)) {
					path.add(0, at);
				}
				return Optional.of(path);
			}
			for (Edge edge : g.out(current)) {
				if (edge.type() == type && !parent.containsKey(edge.target())) {
					parent.put(edge.target(), current);
					queue.add(edge.target());
				}
			}
		}
		return Optional.empty();
	}

	private String describe(List<Long> path) {
		List<String> names = new ArrayList<>();
		Map<Long, CiRecord> records = new HashMap<>();
		this.store.findAll(path).forEach(r -> records.put(r.id(), r));
		for (Long id : path) {
			names.add(records.containsKey(id) ? records.get(id).name() : "#" + id);
		}
		return String.join(" → ", names);
	}

	/** What a client sends to relate two CIs. */
	public record RelationInput(RelationType type, Long sourceId, Long targetId, StandbyMode standbyMode, String notes) {
	}

	/** A relation seen from one of its CIs. */
	public record RelationView(long id, RelationType type, String typeLabel, String direction, long sourceId,
			String sourceCode, String sourceName, String sourceClassCode, long targetId, String targetCode,
			String targetName, String targetClassCode, boolean visible, StandbyMode standbyMode, String notes,
			Instant createdAt, String createdBy) {
	}

	record RelationRow(long id, RelationType type, long sourceId, long targetId, StandbyMode standbyMode, String notes,
			Instant createdAt, String createdBy) {
	}

}
