package io.opsguard.identity;

import java.io.Serializable;
import java.util.Set;

/**
 * The signed-in user of the current request: identity, organisation, effective permissions and
 * data scope. Obtain it through {@link CurrentUsers}.
 */
public record CurrentUser(long id, String username, String displayName, long organisationId,
		Set<String> permissions, DataScope scope, boolean passwordChangeRequired) implements Serializable {

	public CurrentUser {
		permissions = Set.copyOf(permissions);
	}

	public boolean hasPermission(String permission) {
		return this.permissions.contains(permission);
	}

}
