package io.opsguard.calendar.internal;

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

/** The calendar module's permissions and which built-in roles hold them. */
@Component
class CalendarPermissions implements ModulePermissions {

	@Override
	public List<PermissionDefinition> permissions() {
		return List.of(
				PermissionDefinition.of("calendar:calendar:read", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK,
						CLIENT_VIEWER),
				PermissionDefinition.of("calendar:calendar:manage", SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of("calendar:holiday:import", SYSTEM, SYSTEM_ADMIN));
	}

}
