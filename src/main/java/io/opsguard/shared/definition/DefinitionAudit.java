package io.opsguard.shared.definition;

/**
 * Where the kernel records changes: the identity module's audit trail
 * ({@code AuditTrail::recordChange}), passed in by each module since the shared kernel uses no module.
 */
@FunctionalInterface
public interface DefinitionAudit {

	void recordChange(String action, String targetType, Object targetId, Object before, Object after);

}
