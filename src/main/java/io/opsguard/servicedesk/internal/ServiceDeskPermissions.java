package io.opsguard.servicedesk.internal;

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
 * The service desk's permissions. Requesters need none to see and follow their own tickets in the
 * portal; reading the desk's tickets, recording them and working on them are separate, so that the
 * client's information centre can read without handling.
 */
@Component
class ServiceDeskPermissions implements ModulePermissions {

	@Override
	public List<PermissionDefinition> permissions() {
		return List.of(
				PermissionDefinition.of("servicedesk:ticket:read", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK,
						CLIENT_VIEWER),
				PermissionDefinition.of("servicedesk:ticket:create", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK),
				PermissionDefinition.of("servicedesk:ticket:handle", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK),
				PermissionDefinition.of("servicedesk:group:manage", null, SYSTEM_ADMIN, OM_MANAGER),
				PermissionDefinition.of("servicedesk:catalogue:manage", null, SYSTEM_ADMIN, OM_MANAGER, SERVICE_DESK),
				// the site's CTI system, through an API token of an account with this permission
				PermissionDefinition.of("servicedesk:call:notify", null, SYSTEM_ADMIN, SERVICE_DESK),
				// daily work records (R-DSK-10): one's own; for colleagues and others' records with manage
				PermissionDefinition.of("servicedesk:record:write", null, SYSTEM_ADMIN, OM_MANAGER, ENGINEER, SERVICE_DESK),
				PermissionDefinition.of("servicedesk:record:manage", null, SYSTEM_ADMIN, OM_MANAGER),
				PermissionDefinition.of("servicedesk:mail:manage", null, SYSTEM_ADMIN, OM_MANAGER));
	}

}
