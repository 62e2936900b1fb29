package io.opsguard.cmdb.internal;

import java.util.List;
import java.util.Optional;

import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.StandbyMode;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The {@link ConfigurationItems} other modules use. */
@Component
class ConfigurationItemsFacade implements ConfigurationItems {

	private final CiStore store;

	private final ClassCatalog catalog;

	private final JdbcClient jdbc;

	private final ImpactAnalysis impact;

	ConfigurationItemsFacade(CiStore store, ClassCatalog catalog, JdbcClient jdbc, ImpactAnalysis impact) {
		this.store = store;
		this.catalog = catalog;
		this.jdbc = jdbc;
		this.impact = impact;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CiView> find(long id) {
		return this.store.find(id).map(this::view);
	}

	@Override
	@Transactional(readOnly = true)
	public List<RelationView> relationsOf(long ciId) {
		return this.jdbc.sql("select id, type, source_id, target_id, standby_mode from cmdb_relation "
				+ "where source_id = :id or target_id = :id order by id")
			.param("id", ciId)
			.query((rs, i) -> new RelationView(rs.getLong(1), RelationType.valueOf(rs.getString(2)), rs.getLong(3),
					rs.getLong(4), rs.getString(5) == null ? null : StandbyMode.valueOf(rs.getString(5))))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public List<CiView> businessSystems() {
		java.util.Collection<Long> classes = this.catalog.findByCode(BusinessSystemCatalogue.CLASS_CODE)
			.map(c -> this.catalog.subtree(c.id()))
			.orElse(java.util.Set.of());
		if (classes.isEmpty()) {
			return List.of();
		}
		// one query with the columns other modules see: a province has hundreds of business systems
		return this.jdbc.sql("select c.id, c.code, c.name, c.class_id, c.organisation_id, c.status, c.importance, c.attributes "
				+ "from cmdb_ci c where c.status <> 'RETIRED' and c.class_id in (:classes) order by c.name, c.id")
			.param("classes", classes)
			.query((rs, i) -> new CiView(rs.getLong(1), rs.getString(2), rs.getString(3),
					this.catalog.find(rs.getLong(4)).map(ClassCatalog.ClassDef::code).orElse(null), rs.getLong(5),
					io.opsguard.cmdb.CiStatus.valueOf(rs.getString(6)), io.opsguard.cmdb.Importance.valueOf(rs.getString(7)),
					this.store.readMap(rs.getString(8))))
			.list();
	}

	@Override
	@Transactional(readOnly = true)
	public List<RelationView> relationsOfType(RelationType type) {
		return this.jdbc.sql("select id, type, source_id, target_id, standby_mode from cmdb_relation where type = :type order by id")
			.param("type", type.name())
			.query((rs, i) -> new RelationView(rs.getLong(1), RelationType.valueOf(rs.getString(2)), rs.getLong(3),
					rs.getLong(4), rs.getString(5) == null ? null : StandbyMode.valueOf(rs.getString(5))))
			.list();
	}

	@Override
	public java.util.Set<Long> componentsOf(long ciId) {
		java.util.Set<Long> components = new java.util.LinkedHashSet<>(
				this.impact.traverse(ciId, ImpactAnalysis.Direction.DOWN).order());
		components.remove(ciId);
		return components;
	}

	private CiView view(CiRecord r) {
		return new CiView(r.id(), r.code(), r.name(), this.catalog.find(r.classId()).map(ClassCatalog.ClassDef::code).orElse(null),
				r.organisationId(), r.status(), r.importance(), r.attributes());
	}

	@Override
	public boolean isA(String classCode, String ancestorCode) {
		return this.catalog.findByCode(classCode).map(c -> this.catalog.isA(c.id(), ancestorCode)).orElse(false);
	}

}
