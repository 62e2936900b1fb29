package io.opsguard.shared.definition;

import javax.sql.DataSource;

import io.opsguard.support.EmbeddedPostgresServer;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The kernel's rules and SQL ({@link DefinitionKernelScenarios}) on a real PostgreSQL. */
class DefinitionPersistencePostgresIT extends DefinitionKernelScenarios {

	private static final String URL = EmbeddedPostgresServer.newDatabase();

	private static final DataSource DATA_SOURCE = new SimpleDriverDataSource(new org.postgresql.Driver(), URL, "postgres",
			"postgres");

	@Override
	DataSource dataSource() {
		return DATA_SOURCE;
	}

}
