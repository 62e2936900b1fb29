package io.opsguard.monitoring;

import java.time.Clock;
import java.util.List;

import io.opsguard.identity.BuiltInRole;
import io.opsguard.identity.ModulePermissions;
import io.opsguard.identity.PermissionDefinition;
import io.opsguard.monitoring.store.MetricStore;
import io.opsguard.support.InMemoryMetricStore;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * DELETE WHEN MERGING the store helper's branch: what the embedded store's branch brings and the
 * VictoriaMetrics branch's tests need before it is merged — a {@link MetricStore} where the embedded
 * one will be (the contract-tested in-memory store, selected like the embedded store) and the
 * permissions of {@code monitoring/internal/MonitoringStorePermissions}.
 */
@Configuration(proxyBeanMethods = false)
class PendingStoreStandIns {

	@Bean
	@ConditionalOnProperty(name = "opsguard.monitoring.store", havingValue = "embedded", matchIfMissing = true)
	MetricStore pendingEmbeddedStoreStandIn(Clock clock) {
		return new InMemoryMetricStore(clock);
	}

	@Bean
	ModulePermissions pendingStorePermissions() {
		return () -> List.of(
				PermissionDefinition.of("monitoring:metric:read", null, BuiltInRole.SYSTEM_ADMIN, BuiltInRole.OM_MANAGER,
						BuiltInRole.ENGINEER),
				PermissionDefinition.of("monitoring:metric:ingest", null, BuiltInRole.SYSTEM_ADMIN),
				PermissionDefinition.of("monitoring:store:manage", null, BuiltInRole.SYSTEM_ADMIN));
	}

}
