package io.opsguard.benchmark;

import org.springframework.context.ConfigurableApplicationContext;

/** The running application a benchmark drives: its port, beans and database. */
record BenchmarkContext(int port, ConfigurableApplicationContext application, String database, String adminPassword) {

	<T> T bean(Class<T> type) {
		return this.application.getBean(type);
	}

	String baseUrl() {
		return "http://localhost:" + this.port;
	}

}
