package io.opsguard.shared.definition;

import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/** The kernel's rules ({@link DefinitionKernelScenarios}) on an in-memory H2 in the embedded database's mode. */
class VersionedDefinitionsTests extends DefinitionKernelScenarios {

	private final DataSource dataSource = new SimpleDriverDataSource(new org.h2.Driver(),
			"jdbc:h2:mem:kernel-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");

	@Override
	DataSource dataSource() {
		return this.dataSource;
	}

}
