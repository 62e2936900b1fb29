package io.opsguard.notify.internal;

import static io.opsguard.identity.BuiltInRole.OM_MANAGER;
import static io.opsguard.identity.BuiltInRole.SYSTEM_ADMIN;

import java.util.List;

import io.opsguard.identity.Duty;
import io.opsguard.identity.ModulePermissions;
import io.opsguard.identity.PermissionDefinition;

import org.springframework.stereotype.Component;

/**
 * Notifications' permissions. Configuring channels, robots, gateways and templates and retrying
 * deliveries is system administration (三员分立: the system side); reading the delivery log is a
 * read-only duty the O&amp;M manager shares. Every signed-in user reads their own inbox and
 * preferences without a permission.
 */
@Component
class NotifyPermissions implements ModulePermissions {

	static final String MANAGE = "notify:channel:manage";

	static final String READ_DELIVERIES = "notify:delivery:read";

	@Override
	public List<PermissionDefinition> permissions() {
		return List.of(PermissionDefinition.of(MANAGE, Duty.SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of(READ_DELIVERIES, null, SYSTEM_ADMIN, OM_MANAGER));
	}

}
