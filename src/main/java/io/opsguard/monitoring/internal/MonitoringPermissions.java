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
 * Monitoring's permissions for monitors and monitor types: reading what is monitored and how it
 * goes, managing monitors (with their credentials), and uploading monitor types (templates).
 */
@Component
class MonitoringPermissions implements ModulePermissions {

	static final String MONITOR_READ = "monitoring:monitor:read";

	static final String MONITOR_MANAGE = "monitoring:monitor:manage";

	static final String TEMPLATE_MANAGE = "monitoring:template:manage";

	@Override
	public List<PermissionDefinition> permissions() {
		return List.of(
				PermissionDefinition.of(MONITOR_READ, null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK, CLIENT_VIEWER),
				PermissionDefinition.of(MONITOR_MANAGE, null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER),
				PermissionDefinition.of(TEMPLATE_MANAGE, null, SYSTEM_ADMIN));
	}

}
