package io.opsguard.servicedesk.internal;

import static io.opsguard.identity.BuiltInRole.OM_MANAGER;
import static io.opsguard.identity.BuiltInRole.SERVICE_DESK;
import static io.opsguard.identity.BuiltInRole.SYSTEM_ADMIN;

import java.util.List;

import io.opsguard.identity.ModulePermissions;
import io.opsguard.identity.PermissionDefinition;

import org.springframework.stereotype.Component;

/**
 * The permissions of the help centre, the surveys and the review of applications for an account. The portal itself needs none: a requester
 * sees and follows only their own tickets there.
 */
@Component
class PortalPermissions implements ModulePermissions {

	@Override
	public List<PermissionDefinition> permissions() {
		return List.of(PermissionDefinition.of("servicedesk:faq:manage", null, SYSTEM_ADMIN, OM_MANAGER, SERVICE_DESK),
				PermissionDefinition.of("servicedesk:survey:manage", null, SYSTEM_ADMIN, OM_MANAGER),
				// approving an application for a portal account creates a requester's account (no role): the
				// administrators of users and the desk's manager, an ordinary permission on the side of system
				// administration (三员分立), never with the security or audit officers
				PermissionDefinition.of(Registrations.APPROVE, null, SYSTEM_ADMIN, OM_MANAGER));
	}

}
