package io.opsguard.identity;

/**
 * Roles that ship with OpsGuard. Their permissions are kept in step with the modules' {@link
 * ModulePermissions} at every start; administrators customise them by copying.
 */
public enum BuiltInRole {

	SYSTEM_ADMIN, SECURITY_ADMIN, AUDITOR, SERVICE_DESK, ENGINEER, OM_MANAGER, CLIENT_VIEWER, END_USER

}
