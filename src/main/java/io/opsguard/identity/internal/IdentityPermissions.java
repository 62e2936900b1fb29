package io.opsguard.identity.internal;

import static io.opsguard.identity.BuiltInRole.AUDITOR;
import static io.opsguard.identity.BuiltInRole.CLIENT_VIEWER;
import static io.opsguard.identity.BuiltInRole.OM_MANAGER;
import static io.opsguard.identity.BuiltInRole.SECURITY_ADMIN;
import static io.opsguard.identity.BuiltInRole.SERVICE_DESK;
import static io.opsguard.identity.BuiltInRole.SYSTEM_ADMIN;
import static io.opsguard.identity.Duty.AUDIT;
import static io.opsguard.identity.Duty.SECURITY;
import static io.opsguard.identity.Duty.SYSTEM;

import java.util.List;

import io.opsguard.identity.ModulePermissions;
import io.opsguard.identity.PermissionDefinition;

import org.springframework.stereotype.Component;

/** The identity module's permissions and which built-in roles hold them. */
@Component
class IdentityPermissions implements ModulePermissions {

	static final String ORGANISATION_READ = "identity:organisation:read";
	static final String ORGANISATION_CREATE = "identity:organisation:create";
	static final String ORGANISATION_UPDATE = "identity:organisation:update";
	static final String ORGANISATION_DELETE = "identity:organisation:delete";
	static final String USER_READ = "identity:user:read";
	static final String USER_CREATE = "identity:user:create";
	static final String USER_UPDATE = "identity:user:update";
	static final String USER_DISABLE = "identity:user:disable";
	static final String USER_RESET_PASSWORD = "identity:user:reset-password";
	static final String USER_GRANT = "identity:user:grant";
	static final String USER_UNLOCK = "identity:user:unlock";
	static final String USER_MANAGE_OFFICERS = "identity:user:manage-officers";
	static final String ROLE_READ = "identity:role:read";
	static final String ROLE_CREATE = "identity:role:create";
	static final String ROLE_UPDATE = "identity:role:update";
	static final String ROLE_DELETE = "identity:role:delete";
	static final String AUDIT_READ = "audit:log:read";
	static final String AUDIT_EXPORT = "audit:log:export";
	static final String AUDIT_VERIFY = "audit:log:verify";

	@Override
	public List<PermissionDefinition> permissions() {
		return List.of(
				PermissionDefinition.of(ORGANISATION_READ, null, SYSTEM_ADMIN, SECURITY_ADMIN, AUDITOR, OM_MANAGER,
						SERVICE_DESK, CLIENT_VIEWER),
				PermissionDefinition.of(ORGANISATION_CREATE, SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of(ORGANISATION_UPDATE, SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of(ORGANISATION_DELETE, SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of(USER_READ, null, SYSTEM_ADMIN, SECURITY_ADMIN, AUDITOR, OM_MANAGER),
				PermissionDefinition.of(USER_CREATE, SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of(USER_UPDATE, SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of(USER_DISABLE, SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of(USER_RESET_PASSWORD, SYSTEM, SYSTEM_ADMIN),
				PermissionDefinition.of(USER_GRANT, SECURITY, SECURITY_ADMIN),
				PermissionDefinition.of(USER_UNLOCK, SECURITY, SECURITY_ADMIN),
				PermissionDefinition.of(USER_MANAGE_OFFICERS, SECURITY, SECURITY_ADMIN),
				PermissionDefinition.of(ROLE_READ, null, SYSTEM_ADMIN, SECURITY_ADMIN, AUDITOR),
				PermissionDefinition.of(ROLE_CREATE, SECURITY, SECURITY_ADMIN),
				PermissionDefinition.of(ROLE_UPDATE, SECURITY, SECURITY_ADMIN),
				PermissionDefinition.of(ROLE_DELETE, SECURITY, SECURITY_ADMIN),
				PermissionDefinition.of(AUDIT_READ, AUDIT, AUDITOR),
				PermissionDefinition.of(AUDIT_EXPORT, AUDIT, AUDITOR),
				PermissionDefinition.of(AUDIT_VERIFY, AUDIT, AUDITOR));
	}

}
