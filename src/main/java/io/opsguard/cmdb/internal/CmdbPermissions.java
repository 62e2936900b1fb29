package io.opsguard.cmdb.internal;

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

/** The CMDB's permissions and which built-in roles hold them. */
@Component
class CmdbPermissions implements ModulePermissions {

	@Override
	public List<PermissionDefinition> permissions() {
		return List.of(
				PermissionDefinition.of("cmdb:class:read", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK,
						CLIENT_VIEWER),
				PermissionDefinition.of("cmdb:class:manage", SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of("cmdb:ci:read", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK,
						CLIENT_VIEWER),
				PermissionDefinition.of("cmdb:ci:create", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER),
				PermissionDefinition.of("cmdb:ci:update", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER),
				PermissionDefinition.of("cmdb:ci:retire", null, SYSTEM_ADMIN, OM_MANAGER),
				PermissionDefinition.of("cmdb:ci:verify", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER),
				PermissionDefinition.of("cmdb:ci:import", null, SYSTEM_ADMIN, OM_MANAGER),
				PermissionDefinition.of("cmdb:ci:export", null, SYSTEM_ADMIN, OM_MANAGER, CLIENT_VIEWER));
	}

}
