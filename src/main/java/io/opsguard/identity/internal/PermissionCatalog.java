package io.opsguard.identity.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.opsguard.identity.BuiltInRole;
import io.opsguard.identity.Duty;
import io.opsguard.identity.ModulePermissions;
import io.opsguard.identity.PermissionDefinition;
import io.opsguard.shared.OpsGuardException;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Every permission the running modules declare: validates roles, classifies duties (三员分立), and
 * gives the tree shown in the role editor.
 */
@Component
public class PermissionCatalog {

	private final Map<String, PermissionDefinition> definitions;

	private final MessageSource messages;

	public PermissionCatalog(List<ModulePermissions> modules, MessageSource messages) {
		Map<String, PermissionDefinition> all = new LinkedHashMap<>();
		for (ModulePermissions module : modules) {
			for (PermissionDefinition definition : module.permissions()) {
				if (all.putIfAbsent(definition.key(), definition) != null) {
					throw new IllegalStateException("Permission declared twice: " + definition.key());
				}
			}
		}
		this.definitions = Map.copyOf(all);
		this.messages = messages;
	}

	public Set<String> keys() {
		return new TreeSet<>(this.definitions.keySet());
	}

	public Set<String> grantedTo(BuiltInRole role) {
		return this.definitions.values()
			.stream()
			.filter(d -> d.grantedTo().contains(role))
			.map(PermissionDefinition::key)
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/** The separated duties that a set of permissions covers. */
	public Set<Duty> duties(Collection<String> permissions) {
		Set<Duty> duties = EnumSet.noneOf(Duty.class);
		for (String permission : permissions) {
			PermissionDefinition definition = this.definitions.get(permission);
			if (definition != null && definition.duty() != null) {
				duties.add(definition.duty());
			}
		}
		return duties;
	}

	/**
	 * Checks a role's permissions: all must exist, and audit permissions cannot sit in the same role
	 * as anything that changes data or configuration (an auditor cannot change configuration).
	 */
	public void validateRole(Collection<String> permissions) {
		for (String permission : permissions) {
			if (!this.definitions.containsKey(permission)) {
				throw OpsGuardException.onField("permissions", IdentityError.UNKNOWN_PERMISSION, permission);
			}
		}
		boolean audits = permissions.stream().map(this.definitions::get).anyMatch(d -> d.duty() == Duty.AUDIT);
		if (audits) {
			List<String> writes = permissions.stream()
				.map(this.definitions::get)
				.filter(d -> d.duty() != Duty.AUDIT && !d.readOnly())
				.map(PermissionDefinition::key)
				.sorted()
				.toList();
			if (!writes.isEmpty()) {
				throw OpsGuardException.onField("permissions", IdentityError.SEPARATION_OF_DUTIES,
						String.join(", ", writes));
			}
		}
	}

	/** Modules → resources → permissions, labelled in the given language. */
	public List<PermissionNode> tree(Locale locale) {
		Map<String, Map<String, List<PermissionDefinition>>> grouped = new LinkedHashMap<>();
		this.definitions.values()
			.stream()
			.sorted((a, b) -> a.key().compareTo(b.key()))
			.forEach(d -> grouped.computeIfAbsent(d.module(), m -> new LinkedHashMap<>())
				.computeIfAbsent(d.resource(), r -> new ArrayList<>())
				.add(d));
		List<PermissionNode> modules = new ArrayList<>();
		grouped.forEach((module, resources) -> {
			List<PermissionNode> resourceNodes = new ArrayList<>();
			resources.forEach((resource, permissions) -> resourceNodes.add(new PermissionNode(resource,
					label("permission.resource." + resource.replace(':', '.'), locale), null,
					permissions.stream()
						.map(p -> new PermissionNode(p.key(), label("permission." + p.key().replace(':', '.'), locale), p.duty(), List.of()))
						.toList())));
			modules.add(new PermissionNode(module, label("permission.module." + module, locale), null, resourceNodes));
		});
		return modules;
	}

	public String label(String key, Locale locale) {
		return this.messages.getMessage(key, null, key, locale);
	}

	/** A node of the permission tree: a module, a resource or (a leaf) a permission. */
	public record PermissionNode(String key, String label, Duty duty, List<PermissionNode> children) {
	}

}
