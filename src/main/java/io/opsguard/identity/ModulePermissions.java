package io.opsguard.identity;

import java.util.List;

/**
 * Plug-in point: each module registers one bean listing its permissions. The permission tree in
 * the role editor, the validation of roles and the built-in roles are all derived from these.
 */
public interface ModulePermissions {

	List<PermissionDefinition> permissions();

}
