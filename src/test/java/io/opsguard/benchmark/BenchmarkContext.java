package io.opsguard.benchmark;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The running application a benchmark drives: its port, beans and database. */
record BenchmarkContext(int port, ConfigurableApplicationContext application, String database, String adminPassword) {

	<T> T bean(Class<T> type) {
		return this.application.getBean(type);
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

	/**
	 * After rows were seeded with ids of their own, the table's identity continues after the
	 * largest, so that rows the application creates later (the next benchmark on the same database)
	 * get free ids. The same statement works on H2 and PostgreSQL.
	 */
	static void continueIdsAfterSeed(JdbcClient jdbc, String table) {
		long next = jdbc.sql("select coalesce(max(id), 0) + 1 from " + table).query(Long.class).single();
		jdbc.sql("alter table " + table + " alter column id restart with " + next).update();
	}

}
