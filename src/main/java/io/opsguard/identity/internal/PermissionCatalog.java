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

	/**
	 * The separated duties that a set of permissions names: only permissions tagged with a duty
	 * count, so this is what a person can honestly be called (an engineer who edits CIs is not a
	 * 系统管理员). The separation itself is judged by {@link #sides}.
	 */
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
	 * Whether the permissions change something in day-to-day work: an ordinary permission (no duty)
	 * that is not read-only.
	 */
	public boolean changesData(Collection<String> permissions) {
		return permissions.stream().map(this.definitions::get).anyMatch(PermissionCatalog::ordinaryWrite);
	}

	/**
	 * The sides of the separation of duties (三员分立) the permissions stand on. {@link Duty#SYSTEM}
	 * is the side of administration and configuration, and ordinary permissions that change
	 * something stand on it too: whoever audits must not also change what is audited, and whoever
	 * manages grants must not also run the system. Read-only ordinary permissions stand nowhere.
	 * More than one side is a conflict.
	 */
	public Set<Duty> sides(Collection<String> permissions) {
		Set<Duty> sides = duties(permissions);
		if (changesData(permissions)) {
			sides.add(Duty.SYSTEM);
		}
		return sides;
	}

	private static boolean ordinaryWrite(PermissionDefinition definition) {
		return definition != null && definition.duty() == null && !definition.readOnly();
	}

	/**
	 * Checks a role's permissions: all must exist, and they stand on one side of the separation of
	 * duties at most ({@link #sides}): a role never mixes system administration or day-to-day
	 * changes, security administration and audit. Accounts combine duties, where an installation
	 * allows it, only by holding several roles.
	 */
	public void validateRole(Collection<String> permissions) {
		for (String permission : permissions) {
			if (!this.definitions.containsKey(permission)) {
				throw OpsGuardException.onField("permissions", IdentityError.UNKNOWN_PERMISSION, permission);
			}
		}
		if (sides(permissions).size() > 1) {
			List<String> deciding = permissions.stream()
				.map(this.definitions::get)
				.filter(d -> d.duty() != null || !d.readOnly())
				.map(PermissionDefinition::key)
				.sorted()
				.toList();
			throw OpsGuardException.onField("permissions", IdentityError.SEPARATION_OF_DUTIES, String.join(", ", deciding));
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
