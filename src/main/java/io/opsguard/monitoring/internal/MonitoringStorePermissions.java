package io.opsguard.monitoring.internal;

import static io.opsguard.identity.BuiltInRole.CLIENT_VIEWER;
import static io.opsguard.identity.BuiltInRole.ENGINEER;
import static io.opsguard.identity.BuiltInRole.OM_MANAGER;
import static io.opsguard.identity.BuiltInRole.SERVICE_DESK;
import static io.opsguard.identity.BuiltInRole.SYSTEM_ADMIN;

import java.util.List;

import io.opsguard.identity.ModulePermissions;
import io.opsguard.identity.PermissionDefinition;

import org.springframework.stereotype.Component;

/**
 * The metric store's permissions: reading series (scoped by their resource's organisation),
 * sending samples from outside (the ingestion API's tokens), and managing the store, which also
 * shows OpsGuard's own series (those without a resource).
 */
@Component
class MonitoringStorePermissions implements ModulePermissions {

	static final String READ = "monitoring:metric:read";

	static final String INGEST = "monitoring:metric:ingest";

	static final String MANAGE = "monitoring:store:manage";

	@Override
	public List<PermissionDefinition> permissions() {
		return List.of(PermissionDefinition.of(READ, null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK, CLIENT_VIEWER),
				PermissionDefinition.of(INGEST, null, SYSTEM_ADMIN), PermissionDefinition.of(MANAGE, null, SYSTEM_ADMIN));
	}

}
