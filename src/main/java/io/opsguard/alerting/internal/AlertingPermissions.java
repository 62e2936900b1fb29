package io.opsguard.alerting.internal;

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
 * Alerting's permissions: reading alerts and their statistics, handling them (acknowledge,
 * resolve), writing rules, silences and maintenance windows, notification routes, and sending
 * alerts in from other systems.
 */
@Component
class AlertingPermissions implements ModulePermissions {

	static final String ALERT_READ = "alerting:alert:read";

	static final String ALERT_HANDLE = "alerting:alert:handle";

	static final String ALERT_INGEST = "alerting:alert:ingest";

	static final String RULE_MANAGE = "alerting:rule:manage";

	static final String SILENCE_MANAGE = "alerting:silence:manage";

	static final String ROUTE_MANAGE = "alerting:route:manage";

	@Override
	public List<PermissionDefinition> permissions() {
		return List.of(
				PermissionDefinition.of(ALERT_READ, null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK, CLIENT_VIEWER),
				PermissionDefinition.of(ALERT_HANDLE, null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK),
				PermissionDefinition.of(ALERT_INGEST, null, SYSTEM_ADMIN),
				PermissionDefinition.of(RULE_MANAGE, null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER),
				PermissionDefinition.of(SILENCE_MANAGE, null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER),
				PermissionDefinition.of(ROUTE_MANAGE, null, SYSTEM_ADMIN, OM_MANAGER));
	}

}
