package io.opsguard.monitoring.store;

import java.time.Clock;

import io.opsguard.support.InMemoryMetricStore;

/** The test store that analysis and self-monitoring tests use keeps the contract too. */
class InMemoryMetricStoreTests extends MetricStoreContract {

	private final InMemoryMetricStore store = new InMemoryMetricStore(Clock.systemUTC());

	@Override
	protected MetricStore store() {
		return this.store;
	}

	@Override
	protected String expectedKind() {
		return "memory";
	}

}
