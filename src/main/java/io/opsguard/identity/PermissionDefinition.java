package io.opsguard.identity;

import java.util.Set;

/**
 * One permission string {@code module:resource:action}, the separated duty it belongs to (or
 * null when it is an ordinary working permission) and the built-in roles that hold it. Its label
 * is the message {@code permission.<key>}.
 */
public record PermissionDefinition(String key, Duty duty, Set<BuiltInRole> grantedTo) {

	public PermissionDefinition {
		if (!key.matches("[a-z][a-z0-9-]*:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*")) {
			throw new IllegalArgumentException("Permission must be module:resource:action, got " + key);
		}
		grantedTo = Set.copyOf(grantedTo);
	}

	public static PermissionDefinition of(String key, Duty duty, BuiltInRole... grantedTo) {
		return new PermissionDefinition(key, duty, Set.of(grantedTo));
	}

	public String resource() {
		return this.key.substring(0, this.key.lastIndexOf(':'));
	}

	public String module() {
		return this.key.substring(0, this.key.indexOf(':'));
	}

	/**
	 * Read-only actions: everything else changes something (marking a CI as verified, for one, does;
	 * checking the audit chain is an audit duty and judged as such).
	 */
	public boolean readOnly() {
		String action = this.key.substring(this.key.lastIndexOf(':') + 1);
		return action.equals("read") || action.equals("export");
	}

}
