package io.opsguard.cmdb.internal;

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
import io.opsguard.identity.AuditMessage;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Relations between CIs: checked against the rules of their type (allowed class pairs, no cycles
 * for acyclic types, a standby mode for standbys), recorded in both CIs' history and audited.
 * Adding or removing one locks both CIs in ascending id order first, so that concurrent writers
 * of the same CIs queue instead of deadlocking, and is tried once more if the database still gives
 * up waiting for a lock.
 */
@Service
public class RelationService {

	private final RelationStore relations;

	private final CiService cis;

	private final CiStore store;

	private final CiHistory history;

	private final ClassCatalog catalog;

	private final CmdbGraph graph;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final MessageSource messages;

	private final Clock clock;

	private final LockRetry retry;

	RelationService(RelationStore relations, CiService cis, CiStore store, CiHistory history, ClassCatalog catalog,
			CmdbGraph graph, AuditTrail audit, ApplicationEventPublisher events, MessageSource messages, Clock clock,
			LockRetry retry) {
		this.relations = relations;
		this.cis = cis;
		this.store = store;
		this.history = history;
		this.catalog = catalog;
		this.graph = graph;
		this.audit = audit;
		this.events = events;
		this.messages = messages;
		this.clock = clock;
		this.retry = retry;
	}

	/** The relations of a CI, both directions; the other end only when the caller may see it. */
	@Transactional(readOnly = true)
	public List<SeenRelation> of(CurrentUser user, long ciId, RelationType type) {
		this.cis.visible(user, ciId);
		List<RelationRow> rows = this.relations.of(ciId, type);
		List<Long> ends = new ArrayList<>();
		rows.forEach(r -> {
			ends.add(r.sourceId());
			ends.add(r.targetId());
		});
		Map<Long, CiRecord> records = new HashMap<>();
		this.store.findAll(ends.stream().distinct().toList())
			.stream()
			.filter(c -> user.scope().includes(c.organisationId()))
			.forEach(c -> records.put(c.id(), c));
		return rows.stream()
			.map(r -> new SeenRelation(r, r.sourceId() == ciId ? Direction.OUT : Direction.IN, records.get(r.sourceId()),
					records.get(r.targetId())))
			.toList();
	}

	public SeenRelation create(CurrentUser user, RelationInput input) {
		return this.retry.inTransaction("adding a relation", () -> add(user, input));
	}

	private SeenRelation add(CurrentUser user, RelationInput input) {
		CiRecord source = end(user, input.sourceId(), "sourceId");
		CiRecord target = end(user, input.targetId(), "targetId");
		RelationType type = input.type();
		if (source.id() == target.id()) {
			throw OpsGuardException.onField("targetId", CmdbError.RELATION_TO_ITSELF);
		}
		if (!this.catalog.allowed(type, source.classId(), target.classId())) {
			throw OpsGuardException.onField("type", CmdbError.RELATION_NOT_ALLOWED, typeLabel(type), className(source),
					className(target));
		}
		if (type == RelationType.STANDBY_OF) {
			if (input.standbyMode() == null) {
				throw OpsGuardException.onField("standbyMode", CmdbError.STANDBY_MODE);
			}
		}
		else if (input.standbyMode() != null) {
			throw OpsGuardException.onField("standbyMode", CmdbError.STANDBY_MODE);
		}
		// from here on both CIs are ours until the end of the transaction: read them again as they are now
		this.store.lock(List.of(source.id(), target.id()));
		source = this.store.find(source.id()).orElseThrow();
		target = this.store.find(target.id()).orElseThrow();
		if (source.status() == CiStatus.RETIRED || target.status() == CiStatus.RETIRED) {
			throw new OpsGuardException(CmdbError.RELATION_RETIRED,
					(source.status() == CiStatus.RETIRED ? source : target).name());
		}
		if (this.relations.exists(type, source.id(), target.id())) {
			throw new OpsGuardException(CmdbError.RELATION_EXISTS, source.name(), typeLabel(type), target.name());
		}
		if (type.acyclic()) {
			cycle(type, source.id(), target.id()).ifPresent(path -> {
				throw OpsGuardException.onField("targetId", CmdbError.RELATION_CYCLE, describe(path));
			});
		}
		Instant now = this.clock.instant();
		RelationRow row = new RelationRow(0, type, source.id(), target.id(), input.standbyMode(),
				input.notes() == null || input.notes().isBlank() ? null : input.notes().trim(), now, user.username());
		long id = this.relations.insert(row);
		String text = RelationChangeText.of(type, input.standbyMode(), source.id(), target.id());
		recordOnBothEnds(source, target, Action.RELATION_ADDED, null, text, user, now);
		this.graph.relationAdded(id, type, source.id(), target.id());
		this.audit.record("CI_RELATION_ADDED", "CI_RELATION", id, summary(source, type, input.standbyMode(), target), true);
		this.events.publishEvent(new RelationChanged(id, type, source.id(), target.id(), true));
		return new SeenRelation(this.relations.find(id).orElseThrow(), Direction.OUT, source, target);
	}

	public void delete(CurrentUser user, long id) {
		this.retry.inTransaction("removing a relation", () -> {
			remove(user, id);
			return null;
		});
	}

	private void remove(CurrentUser user, long id) {
		RelationRow seen = this.relations.find(id).orElseThrow(OpsGuardException::notFound);
		// both ends must be visible: removing a relation changes both CIs
		this.cis.visible(user, seen.sourceId());
		this.cis.visible(user, seen.targetId());
		this.store.lock(List.of(seen.sourceId(), seen.targetId()));
		// somebody may have removed it while this request waited for the locks
		RelationRow row = this.relations.find(id).orElseThrow(OpsGuardException::notFound);
		if (!this.relations.delete(id)) {
			throw OpsGuardException.notFound();
		}
		CiRecord source = this.store.find(row.sourceId()).orElseThrow();
		CiRecord target = this.store.find(row.targetId()).orElseThrow();
		Instant now = this.clock.instant();
		String text = RelationChangeText.of(row.type(), row.standbyMode(), source.id(), target.id());
		recordOnBothEnds(source, target, Action.RELATION_REMOVED, text, null, user, now);
		this.graph.relationRemoved(id, row.sourceId(), row.targetId());
		this.audit.record("CI_RELATION_REMOVED", "CI_RELATION", id, summary(source, row.type(), row.standbyMode(), target),
				true);
		this.events.publishEvent(new RelationChanged(id, row.type(), row.sourceId(), row.targetId(), false));
	}

	private static org.springframework.context.MessageSourceResolvable typeLabel(RelationType type) {
		return Localised.key("cmdb.relation." + type.name());
	}

	/**
	 * The audit summary "A 运行于 B": names and codes, and the relation in both languages, of which
	 * the reader's language picks one.
	 */
	private AuditMessage summary(CiRecord source, RelationType type, StandbyMode mode, CiRecord target) {
		return AuditMessage.of("cmdb.audit.relation", source.name(), source.code(), target.name(), target.code(),
				relationWords(type, mode, Locale.SIMPLIFIED_CHINESE), relationWords(type, mode, Locale.ENGLISH));
	}

	/** The relation type, with its standby mode, in one language: 备用于（热备）, standby of (hot). */
	private String relationWords(RelationType type, StandbyMode mode, Locale language) {
		String label = this.messages.getMessage("cmdb.relation." + type.name(), null, type.name(), language);
		if (mode == null) {
			return label;
		}
		String standby = this.messages.getMessage("cmdb.standby." + mode, null, mode.name(), language);
		return "en".equals(language.getLanguage()) ? label + " (" + standby + ")" : label + "（" + standby + "）";
	}

	private void recordOnBothEnds(CiRecord source, CiRecord target, Action action, String before, String after,
			CurrentUser user, Instant now) {
		for (CiRecord end : List.of(source, target)) {
			Map<String, Object> snapshot = CiHistory.snapshot(end);
			this.history.record(end.id(), action, snapshot, snapshot, List.of(new Change("relation", before, after)), user,
					now);
		}
	}

	/** A CI the caller may see; one outside the scope is refused like one that does not exist. */
	private CiRecord end(CurrentUser user, Long id, String field) {
		if (id == null) {
			throw OpsGuardException.onField(field, CmdbError.UNKNOWN_REFERENCE, CiChecks.label(field));
		}
		return this.store.find(id)
			.filter(c -> user.scope().includes(c.organisationId()))
			.orElseThrow(() -> OpsGuardException.onField(field, CmdbError.UNKNOWN_REFERENCE, CiChecks.label(field)));
	}

	private Object className(CiRecord record) {
		return this.catalog.find(record.classId()).map(ClassCatalog::label).map(Object.class::cast).orElse("?");
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

	/** From which end a relation is seen. */
	public enum Direction {

		OUT, IN

	}

	/** What a client sends to relate two CIs. */
	public record RelationInput(RelationType type, Long sourceId, Long targetId, StandbyMode standbyMode, String notes) {
	}

	/**
	 * A relation seen from one of its CIs; {@code source} and {@code target} are null when the
	 * reader may not see that end.
	 */
	public record SeenRelation(RelationRow relation, Direction direction, CiRecord source, CiRecord target) {
	}

}
