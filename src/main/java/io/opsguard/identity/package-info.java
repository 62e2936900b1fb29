/**
 * Identity: organisations (a tree), users, roles with permissions and data scopes, sign-in,
 * sessions, API tokens and the tamper-evident audit log. Other modules use {@link
 * io.opsguard.identity.CurrentUsers}, {@link io.opsguard.identity.Organisations}, {@link
 * io.opsguard.identity.AuditTrail} and contribute their permissions through {@link
 * io.opsguard.identity.ModulePermissions}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Identity", allowedDependencies = { "shared" })
package io.opsguard.identity;
