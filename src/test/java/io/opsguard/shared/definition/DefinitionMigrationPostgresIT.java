package io.opsguard.shared.definition;

import javax.sql.DataSource;

import io.opsguard.support.EmbeddedPostgresServer;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** {@link DefinitionMigrationScenarios} on a real PostgreSQL. */
class DefinitionMigrationPostgresIT extends DefinitionMigrationScenarios {

	private final DataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(),
			EmbeddedPostgresServer.newDatabase(), "postgres", "postgres");

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	String vendor() {
		return "postgresql";
	}

}
