package io.opsguard.monitoring.store.embedded;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.monitoring.store.MetricStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The embedded store passes the contract every {@link MetricStore} passes. */
class EmbeddedMetricStoreContractTests extends MetricStoreContract {

	@TempDir
	static Path directory;

	private static EmbeddedMetricStore store;

	@BeforeAll
	static void open() {
		store = EmbeddedMetricStore.open(
				EmbeddedMetricStore.Settings.of(directory).withMaintenanceInterval(Duration.ofSeconds(1)), Clock.systemUTC());
	}

	@AfterAll
	static void close() {
		store.close();
	}

	@Override
	protected MetricStore store() {
		return store;
	}

	@Override
	protected String expectedKind() {
		return EmbeddedMetricStore.KIND;
	}

}
