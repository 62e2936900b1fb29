package io.opsguard.identity.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Duty;
import io.opsguard.shared.CommonError;
import io.opsguard.shared.OpsGuardException;

import org.springframework.context.support.DefaultMessageSourceResolvable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The separation of the three duties (三员分立, ADR 0006) as it concerns accounts: nobody changes
 * their own rights; an account's roles stand on one side of the separation unless the
 * installation allows combining; the accounts of security and audit officers are administered
 * only by the security side; and the first administrator, who starts with every duty, keeps only
 * system administration once others hold the security and audit duties.
 */
@Component
class DutySeparation {

	private final RoleDirectory roles;

	private final PermissionCatalog catalog;

	private final UserAccountRepository users;

	private final Principals principals;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final boolean combinedAllowed;

	DutySeparation(RoleDirectory roles, PermissionCatalog catalog, UserAccountRepository users, Principals principals,
			JdbcClient jdbc, AuditTrail audit, IdentityProperties properties) {
		this.roles = roles;
		this.catalog = catalog;
		this.users = users;
		this.principals = principals;
		this.jdbc = jdbc;
		this.audit = audit;
		this.combinedAllowed = properties.duties().allowCombined();
	}

	/** The sides of the separation that holders of these roles stand on ({@link PermissionCatalog#sides}). */
	Set<Duty> sides(Collection<Long> roleIds) {
		return this.catalog.sides(this.roles.permissions(roleIds));
	}

	/** Nobody grants or withdraws their own roles, whatever their permissions. */
	static void requireNotSelf(CurrentUser caller, long userId) {
		if (caller.id() == userId) {
			throw OpsGuardException.onField("roleIds", IdentityError.CANNOT_CHANGE_OWN_ROLES);
		}
	}

	/** The roles one account is to hold stand on one side, unless the installation allows combining. */
	void requireOneSide(Collection<Long> roleIds) {
		Set<Duty> sides = sides(roleIds);
		if (!this.combinedAllowed && sides.size() > 1) {
			List<Duty> named = sides.stream().sorted().toList();
			throw OpsGuardException.onField("roleIds", IdentityError.DUTIES_COMBINED, label(named.get(0)),
					label(named.get(1)));
		}
	}

	/**
	 * Changing a role's permissions must not make any of its holders stand on a side they did not
	 * stand on before while standing on another (unless combining is allowed).
	 */
	void requireHoldersStayOnOneSide(long roleId, Collection<String> newPermissions) {
		if (this.combinedAllowed) {
			return;
		}
		Map<Long, Set<Long>> holders = new LinkedHashMap<>();
		this.jdbc.sql("""
				select ur.user_id, other.role_id from idn_user_role ur
				join idn_user_role other on other.user_id = ur.user_id
				where ur.role_id = :role order by ur.user_id""")
			.param("role", roleId)
			.query((rs, i) -> holders.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2)))
			.list();
		List<Long> conflicting = new ArrayList<>();
		holders.forEach((userId, roleIds) -> {
			Set<Duty> before = sides(roleIds);
			Set<String> permissions = new HashSet<>(newPermissions);
			roleIds.stream().filter(id -> id != roleId).forEach(id -> permissions.addAll(this.roles.permissions(Set.of(id))));
			Set<Duty> after = this.catalog.sides(permissions);
			if (after.size() > 1 && !before.containsAll(after)) {
				conflicting.add(userId);
			}
		});
		if (!conflicting.isEmpty()) {
			String example = this.users.findById(conflicting.get(0)).map(u -> u.username).orElse("?");
			throw OpsGuardException.onField("permissions", IdentityError.ROLE_CHANGE_COMBINES_DUTIES, conflicting.size(),
					example);
		}
	}

	/** A role one holds cannot have its permissions or data scope changed by oneself. */
	void requireNotHeldBy(CurrentUser caller, long roleId, String roleName) {
		boolean held = this.jdbc.sql("select count(*) from idn_user_role where user_id = :user and role_id = :role")
			.param("user", caller.id())
			.param("role", roleId)
			.query(Long.class)
			.single() > 0;
		if (held) {
			throw new OpsGuardException(IdentityError.CANNOT_CHANGE_HELD_ROLE, roleName);
		}
	}

	/**
	 * Officers stand on the security or the audit side. Whoever could reset, disable or move their
	 * accounts could act as them, so only holders of {@code identity:user:manage-officers} (the
	 * security side) may; everyone else needs the ordinary permission of the action.
	 */
	void requireMayAdminister(CurrentUser caller, UserAccount target, String ordinaryPermission) {
		Set<Duty> sides = sides(target.roleIds());
		boolean officer = sides.contains(Duty.SECURITY) || sides.contains(Duty.AUDIT);
		if (officer) {
			if (!caller.hasPermission(IdentityPermissions.USER_MANAGE_OFFICERS)) {
				throw new OpsGuardException(IdentityError.OFFICER_NEEDS_SECURITY_DUTY, target.username);
			}
		}
		else if (!caller.hasPermission(ordinaryPermission)) {
			throw new OpsGuardException(CommonError.FORBIDDEN);
		}
	}

	/**
	 * The first administrator ({@code admin}) starts with all three duties so that somebody can set
	 * the system up. The duties count as split once other enabled accounts of enabled
	 * organisations, each standing on one side only, hold the security duty with the grant
	 * permission and the audit duty with reading the log. From then on {@code admin} keeps only the
	 * roles on the side of system administration; the change is audited. Nothing happens while the
	 * installation allows combined duties.
	 */
	void splitFirstAdministratorIfDue() {
		if (this.combinedAllowed) {
			return;
		}
		UserAccount admin = this.users.findByUsername(InitialSetup.ADMIN).orElse(null);
		if (admin == null) {
			return;
		}
		Set<Long> held = admin.roleIds();
		if (sides(held).size() <= 1 || !othersHold(admin.id)) {
			return;
		}
		Set<Long> kept = new HashSet<>();
		for (Long roleId : held) {
			Set<Duty> sides = sides(Set.of(roleId));
			if (!sides.contains(Duty.SECURITY) && !sides.contains(Duty.AUDIT)) {
				kept.add(roleId);
			}
		}
		Map<String, Object> before = Map.of("roleIds", held.stream().sorted().toList());
		admin.assignRoles(kept);
		this.users.save(admin);
		this.principals.forget(admin.id);
		this.audit.recordChange("FIRST_ADMIN_DUTIES_SPLIT", "User", admin.id, before,
				Map.of("roleIds", kept.stream().sorted().toList()));
	}

	private boolean othersHold(long adminId) {
		Map<Long, Set<Long>> roleIdsByUser = new HashMap<>();
		this.jdbc.sql("""
				select u.id, ur.role_id from idn_user u
				join idn_organisation o on o.id = u.organisation_id
				join idn_user_role ur on ur.user_id = u.id
				where u.enabled = true and o.enabled = true and u.id <> :admin""")
			.param("admin", adminId)
			.query((rs, i) -> roleIdsByUser.computeIfAbsent(rs.getLong(1), k -> new HashSet<>()).add(rs.getLong(2)))
			.list();
		boolean security = false;
		boolean audit = false;
		for (Set<Long> roleIds : roleIdsByUser.values()) {
			Set<String> permissions = this.roles.permissions(roleIds);
			Set<Duty> sides = this.catalog.sides(permissions);
			security |= sides.equals(EnumSet.of(Duty.SECURITY)) && permissions.contains(IdentityPermissions.USER_GRANT);
			audit |= sides.equals(EnumSet.of(Duty.AUDIT)) && permissions.contains(IdentityPermissions.AUDIT_READ);
		}
		return security && audit;
	}

	private static DefaultMessageSourceResolvable label(Duty side) {
		return new DefaultMessageSourceResolvable(new String[] { "identity.dutySide." + side.name() }, side.name());
	}

}
