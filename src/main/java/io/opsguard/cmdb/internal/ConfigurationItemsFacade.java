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

	ConfigurationItemsFacade(CiStore store, ClassCatalog catalog, JdbcClient jdbc) {
		this.store = store;
		this.catalog = catalog;
		this.jdbc = jdbc;
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<CiView> find(long id) {
		return this.store.find(id)
			.map(r -> new CiView(r.id(), r.code(), r.name(),
					this.catalog.find(r.classId()).map(ClassCatalog.ClassDef::code).orElse(null), r.organisationId(),
					r.status(), r.importance(), r.attributes()));
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
	public boolean isA(String classCode, String ancestorCode) {
		return this.catalog.findByCode(classCode).map(c -> this.catalog.isA(c.id(), ancestorCode)).orElse(false);
	}

}
