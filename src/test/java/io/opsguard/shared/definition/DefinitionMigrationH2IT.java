package io.opsguard.shared.definition;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** {@link DefinitionMigrationScenarios} on H2 in the embedded database's mode. */
class DefinitionMigrationH2IT extends DefinitionMigrationScenarios {

	private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(), "jdbc:h2:mem:migration-"
			+ UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	String vendor() {
		return "h2";
	}

}
