package io.opsguard.servicelevel.internal;

import static io.opsguard.identity.BuiltInRole.CLIENT_VIEWER;
import static io.opsguard.identity.BuiltInRole.ENGINEER;
import static io.opsguard.identity.BuiltInRole.OM_MANAGER;
import static io.opsguard.identity.BuiltInRole.SERVICE_DESK;
import static io.opsguard.identity.BuiltInRole.SYSTEM_ADMIN;
import static io.opsguard.identity.Duty.SYSTEM;

import java.util.List;

import io.opsguard.identity.ModulePermissions;
import io.opsguard.identity.PermissionDefinition;

import org.springframework.stereotype.Component;

/**
 * The service-level module's permissions. Confirming a grading needs no permission of its own:
 * the four parties are named in the proposal, and only they can confirm.
 */
@Component
class ServiceLevelPermissions implements ModulePermissions {

	@Override
	public List<PermissionDefinition> permissions() {
		return List.of(
				PermissionDefinition.of("servicelevel:level:read", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK,
						CLIENT_VIEWER),
				PermissionDefinition.of("servicelevel:grading:propose", null, SYSTEM_ADMIN, OM_MANAGER),
				PermissionDefinition.of("servicelevel:model:manage", SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of("servicelevel:policy:manage", SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of("servicelevel:service:manage", null, SYSTEM_ADMIN, OM_MANAGER),
				PermissionDefinition.of("servicelevel:gap:export", null, SYSTEM_ADMIN, OM_MANAGER, CLIENT_VIEWER));
	}

}
