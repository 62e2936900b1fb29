package io.opsguard.cmdb.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.RelationType;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The {@link ConfigurationItems} other modules use. */
@Component
class ConfigurationItemsFacade implements ConfigurationItems {

	private final CiStore store;

	private final RelationStore relations;

	private final ClassCatalog catalog;

	private final ImpactAnalysis impact;

	private final io.opsguard.identity.Organisations organisations;

	ConfigurationItemsFacade(CiStore store, RelationStore relations, ClassCatalog catalog, ImpactAnalysis impact,
			io.opsguard.identity.Organisations organisations) {
		this.organisations = organisations;
		this.store = store;
		this.relations = relations;
		this.catalog = catalog;
		this.impact = impact;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CiView> find(long id) {
		return this.store.find(id).map(this::view);
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Map<Long, String> names(java.util.Collection<Long> ids) {
		java.util.Map<Long, String> names = new java.util.HashMap<>();
		if (!ids.isEmpty()) {
			this.store.names(ids).forEach((id, ci) -> names.put(id, ci.name()));
		}
		return names;
	}

	@Override
	@Transactional(readOnly = true)
	public java.util.Map<Long, Long> organisations(java.util.Collection<Long> ids) {
		java.util.Map<Long, Long> organisations = new java.util.HashMap<>();
		if (!ids.isEmpty()) {
			this.store.names(ids).forEach((id, ci) -> organisations.put(id, ci.organisationId()));
		}
		return organisations;
	}

	@Override
	@Transactional(readOnly = true)
	public List<RelationView> relationsOf(long ciId) {
		return this.relations.of(ciId, null)
			.stream()
			.sorted(java.util.Comparator.comparingLong(RelationRow::id))
			.map(ConfigurationItemsFacade::view)
			.toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<CiView> businessSystems() {
		Set<Long> classes = this.catalog.findByCode(BusinessSystemCatalogue.CLASS_CODE)
			.map(c -> this.catalog.subtree(c.id()))
			.orElse(Set.of());
		return this.store.inUseOfClasses(classes).stream().map(this::view).toList();
	}

	@Override
	@Transactional(readOnly = true)
	public List<RelationView> relationsOfType(RelationType type) {
		return this.relations.ofType(type).stream().map(ConfigurationItemsFacade::view).toList();
	}

	@Override
	public Set<Long> componentsOf(long ciId) {
		Set<Long> components = new LinkedHashSet<>(this.impact.traverse(ciId, ImpactAnalysis.Direction.DOWN).order());
		components.remove(ciId);
		return components;
	}

	@Override
	public boolean isA(String classCode, String ancestorCode) {
		return this.catalog.findByCode(classCode).map(c -> this.catalog.isA(c.id(), ancestorCode)).orElse(false);
	}

	@Override
	@Transactional(readOnly = true)
	public List<CiView> select(io.opsguard.identity.DataScope scope, CiSelection selection, int limit) {
		java.util.Collection<Long> classes = null;
		if (selection.classCode() != null && !selection.classCode().isBlank()) {
			classes = this.catalog.findByCode(selection.classCode().trim()).map(c -> this.catalog.subtree(c.id())).orElse(Set.of());
		}
		java.util.Collection<Long> organisations = selection.organisationId() == null ? null
				: this.organisations.subtree(selection.organisationId());
		Set<Long> wanted = null;
		if (selection.ids() != null) {
			wanted = new LinkedHashSet<>(selection.ids());
		}
		if (selection.businessSystemId() != null) {
			Set<Long> components = componentsOf(selection.businessSystemId());
			if (wanted == null) {
				wanted = components;
			}
			else {
				wanted.retainAll(components);
			}
		}
		if (wanted != null && wanted.isEmpty()) {
			return List.of();
		}
		CiFilter filter = new CiFilter(selection.q(), null, null, true, null, null, null, selection.tag(), null, null, false);
		CiStore.Where where = this.store.where(scope, filter, classes, organisations, null);
		List<CiView> views = new java.util.ArrayList<>();
		if (wanted != null) {
			// the wanted CIs, then the filters on them, in chunks that keep the SQL short
			List<Long> ids = new java.util.ArrayList<>(wanted);
			for (int from = 0; from < ids.size() && views.size() < limit; from += 500) {
				String condition = "c.id in (" + ids.subList(from, Math.min(ids.size(), from + 500))
					.stream()
					.map(String::valueOf)
					.collect(java.util.stream.Collectors.joining(",")) + ")";
				String all = where.condition().isEmpty() ? condition : where.condition() + " and " + condition;
				this.store.findAll(this.store.ids(new CiStore.Where(where.from(), all, where.params(), ""), "c.name, c.id",
						limit - views.size(), 0)).forEach(r -> views.add(view(r)));
			}
			views.sort(java.util.Comparator.comparing(CiView::name).thenComparing(CiView::id));
			return views;
		}
		for (CiRecord r : this.store.findAll(this.store.ids(where, "c.name, c.id", limit, 0))) {
			views.add(view(r));
		}
		return views;
	}

	private CiView view(CiRecord r) {
		return new CiView(r.id(), r.code(), r.name(), this.catalog.find(r.classId()).map(ClassCatalog.ClassDef::code).orElse(null),
				r.organisationId(), r.status(), r.importance(), r.attributes());
	}

	private static RelationView view(RelationRow r) {
		return new RelationView(r.id(), r.type(), r.sourceId(), r.targetId(), r.standbyMode());
	}

}
