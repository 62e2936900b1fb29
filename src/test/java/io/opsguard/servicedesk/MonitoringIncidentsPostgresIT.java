package io.opsguard.servicedesk;

import io.opsguard.support.EmbeddedPostgresServer;

import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link MonitoringIncidentsScenarios} on a real PostgreSQL server, with the postgres profile. */
@ActiveProfiles("postgres")
class MonitoringIncidentsPostgresIT extends MonitoringIncidentsScenarios {

	private static final String URL = EmbeddedPostgresServer.newDatabase();

	@DynamicPropertySource
	static void postgres(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> URL);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "postgres");
	}

}
