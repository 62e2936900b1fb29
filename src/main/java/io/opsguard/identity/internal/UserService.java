package io.opsguard.identity.internal;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Duty;
import io.opsguard.identity.internal.UserAccount.PasswordChangeReason;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * User administration: accounts are created, edited, granted roles, disabled, reset and unlocked
 * only inside the administrator's data scope, and every change is audited.
 */
@Service
public class UserService {

	private static final Map<String, String> SORTABLE = Map.of("username", "u.username", "displayName", "u.display_name",
			"lastLoginAt", "u.last_login_at", "createdAt", "u.created_at");

	private final UserAccountRepository users;

	private final RoleDirectory roleDirectory;

	private final OrganisationTree tree;

	private final PermissionCatalog catalog;

	private final Passwords passwords;

	private final Principals principals;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final AuditLog summaries;

	private final SecurityAdministrators administrators;

	private final DutySeparation separation;

	private final Clock clock;

	private final SecureRandom random = new SecureRandom();

	UserService(UserAccountRepository users, RoleDirectory roleDirectory, OrganisationTree tree, PermissionCatalog catalog,
			Passwords passwords, Principals principals, JdbcClient jdbc, AuditLog audit, Clock clock,
			SecurityAdministrators administrators, DutySeparation separation) {
		this.users = users;
		this.roleDirectory = roleDirectory;
		this.tree = tree;
		this.catalog = catalog;
		this.passwords = passwords;
		this.principals = principals;
		this.jdbc = jdbc;
		this.audit = audit;
		this.summaries = audit;
		this.administrators = administrators;
		this.separation = separation;
		this.clock = clock;
	}

	@Transactional(readOnly = true)
	public PageResult<UserView> search(CurrentUser caller, UserFilter filter, Integer page, Integer size, String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "u.username");
		List<String> where = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (!caller.scope().all()) {
			where.add(caller.scope().sqlCondition("u.organisation_id"));
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			where.add("(lower(u.username) like :q or lower(u.display_name) like :q or u.phone like :q or lower(u.email) like :q)");
			params.put("q", "%" + filter.q().trim().toLowerCase(Locale.ROOT) + "%");
		}
		if (filter.organisationId() != null) {
			Collection<Long> orgs = filter.includeDescendants() ? this.tree.subtree(filter.organisationId())
					: List.of(filter.organisationId());
			where.add("u.organisation_id in (:orgs)");
			params.put("orgs", nonEmpty(orgs));
		}
		if (filter.roleId() != null) {
			where.add("exists (select 1 from idn_user_role r where r.user_id = u.id and r.role_id = :roleId)");
			params.put("roleId", filter.roleId());
		}
		if (filter.status() != null) {
			switch (filter.status()) {
				case ENABLED -> where.add("u.enabled = true");
				case DISABLED -> where.add("u.enabled = false");
				case LOCKED -> {
					where.add("u.locked_until > :now");
					params.put("now", java.sql.Timestamp.from(this.clock.instant()));
				}
			}
		}
		PageResult<Long> found = SqlPages.ids(this.jdbc, "u.id", "idn_user u", String.join(" and ", where), params, paging);
		return new PageResult<>(views(found.items()), found.total(), found.page(), found.size());
	}

	@Transactional(readOnly = true)
	public UserView get(CurrentUser caller, long id) {
		return views(List.of(visible(caller, id).id)).get(0);
	}

	@Transactional
	public CreatedUser create(CurrentUser caller, NewUser input) {
		String username = input.username().trim();
		requireFreeUsername(username);
		requireOrganisation(caller, input.organisationId());
		Set<Long> roleIds = input.roleIds() == null ? Set.of() : Set.copyOf(input.roleIds());
		if (!roleIds.isEmpty()) {
			requireGrant(caller, roleIds);
			this.separation.requireOneSide(roleIds);
		}
		boolean generated = input.password() == null || input.password().isEmpty();
		String password = generated ? PasswordPolicy.generate(this.random, 14) : input.password();
		if (!generated) {
			this.passwords.checkPolicy(password, username, null, "password");
		}
		UserAccount account = saveNew(username, input.displayName(), input.organisationId(), input.phone(), input.email(),
				this.passwords.hash(password), generated ? PasswordChangeReason.GENERATED : PasswordChangeReason.ADMINISTRATOR_SET,
				roleIds);
		if (!roleIds.isEmpty()) {
			this.separation.splitFirstAdministratorIfDue();
		}
		return new CreatedUser(get(caller, account.id), generated ? password : null);
	}

	/**
	 * A requester's account from an approved application ({@link io.opsguard.identity.Users#createRequester}):
	 * enabled, no role, the password hash the application carried, no forced change.
	 */
	@Transactional
	public long createRequester(io.opsguard.identity.Users.NewRequester input) {
		String username = input.username().trim();
		requireFreeUsername(username);
		var organisation = this.tree.find(input.organisationId())
			.orElseThrow(() -> OpsGuardException.onField("organisationId", IdentityError.UNKNOWN_ORGANISATION,
					input.organisationId()));
		if (!organisation.enabled()) {
			throw OpsGuardException.onField("organisationId", IdentityError.ORGANISATION_DISABLED, organisation.name());
		}
		if (input.passwordHash() == null || !input.passwordHash().startsWith("$2")) {
			throw new IllegalArgumentException("a requester's password comes as a bcrypt hash");
		}
		return saveNew(username, input.displayName(), input.organisationId(), input.phone(), input.email(),
				input.passwordHash(), null, Set.of()).id;
	}

	/** A username no account has, case ignored; a field problem otherwise. */
	private void requireFreeUsername(String username) {
		if (this.users.existsByUsername(username)
				|| this.jdbc.sql("select count(*) from idn_user where lower(username) = lower(:u)")
					.param("u", username)
					.query(Long.class)
					.single() > 0) {
			throw OpsGuardException.onField("username", IdentityError.USERNAME_TAKEN, username);
		}
	}

	/** A new account saved with its first password remembered, audited as a user creation. */
	private UserAccount saveNew(String username, String displayName, long organisationId, String phone, String email,
			String passwordHash, PasswordChangeReason changeReason, Set<Long> roleIds) {
		Instant now = this.clock.instant();
		UserAccount account = new UserAccount();
		account.username = username;
		account.displayName = displayName.trim();
		account.organisationId = organisationId;
		account.phone = OrganisationService.blankToNull(phone);
		account.email = OrganisationService.blankToNull(email);
		account.passwordHash = passwordHash;
		account.passwordChangedAt = now;
		account.passwordChangeReason = changeReason;
		account.createdAt = now;
		account.updatedAt = now;
		account.assignRoles(roleIds);
		account = this.users.save(account);
		this.passwords.remember(account.id, account.passwordHash, now);
		this.audit.recordChange("USER_CREATED", "User", account.id, null, snapshot(account));
		return account;
	}

	@Transactional
	public UserView update(CurrentUser caller, long id, UserUpdate input) {
		UserAccount account = visible(caller, id);
		this.separation.requireMayAdminister(caller, account, IdentityPermissions.USER_UPDATE);
		if (!account.version.equals(input.version())) {
			throw new OptimisticLockingFailureException("user " + id);
		}
		if (!input.organisationId().equals(account.organisationId)) {
			requireOrganisation(caller, input.organisationId());
		}
		Map<String, Object> before = snapshot(account);
		account.displayName = input.displayName().trim();
		account.organisationId = input.organisationId();
		account.phone = OrganisationService.blankToNull(input.phone());
		account.email = OrganisationService.blankToNull(input.email());
		account.updatedAt = this.clock.instant();
		account = this.users.save(account);
		this.principals.forget(id);
		this.audit.recordChange("USER_UPDATED", "User", id, before, snapshot(account));
		return get(caller, id);
	}

	@Transactional
	public UserView setRoles(CurrentUser caller, long id, Collection<Long> roleIds) {
		UserAccount account = visible(caller, id);
		DutySeparation.requireNotSelf(caller, id);
		Set<Long> wanted = Set.copyOf(roleIds);
		Set<Long> added = new HashSet<>(wanted);
		added.removeAll(account.roleIds());
		requireGrant(caller, added);
		this.separation.requireOneSide(wanted);
		Map<String, Object> before = snapshot(account);
		account.assignRoles(wanted);
		account.updatedAt = this.clock.instant();
		account = this.users.save(account);
		this.administrators.requireOneRemains();
		this.principals.forget(id);
		this.audit.recordChange("USER_ROLES_CHANGED", "User", id, before, snapshot(account));
		this.separation.splitFirstAdministratorIfDue();
		return get(caller, id);
	}

	@Transactional
	public UserView setEnabled(CurrentUser caller, long id, boolean enabled) {
		UserAccount account = visible(caller, id);
		if (!enabled && caller.id() == id) {
			throw new OpsGuardException(IdentityError.CANNOT_DISABLE_SELF);
		}
		this.separation.requireMayAdminister(caller, account, IdentityPermissions.USER_DISABLE);
		if (account.enabled != enabled) {
			Map<String, Object> before = snapshot(account);
			account.enabled = enabled;
			account.updatedAt = this.clock.instant();
			account = this.users.save(account);
			if (!enabled) {
				this.administrators.requireOneRemains();
			}
			this.principals.forget(id);
			this.audit.recordChange(enabled ? "USER_ENABLED" : "USER_DISABLED", "User", id, before, snapshot(account));
			if (enabled) {
				this.separation.splitFirstAdministratorIfDue();
			}
		}
		return get(caller, id);
	}

	@Transactional
	public String resetPassword(CurrentUser caller, long id, String chosen) {
		Credentials.requireInteractiveSession();
		UserAccount account = visible(caller, id);
		if (caller.id() == id) {
			throw new OpsGuardException(IdentityError.CANNOT_RESET_OWN_PASSWORD);
		}
		this.separation.requireMayAdminister(caller, account, IdentityPermissions.USER_RESET_PASSWORD);
		boolean generated = chosen == null || chosen.isEmpty();
		String password = generated ? PasswordPolicy.generate(this.random, 14) : chosen;
		if (!generated) {
			this.passwords.checkPolicy(password, account.username, account.id, "password");
		}
		Instant now = this.clock.instant();
		account.passwordHash = this.passwords.hash(password);
		account.passwordChangedAt = now;
		account.passwordChangeReason = generated ? PasswordChangeReason.GENERATED : PasswordChangeReason.ADMINISTRATOR_SET;
		account.failedAttempts = 0;
		account.lockedUntil = null;
		account.updatedAt = now;
		this.users.save(account);
		this.passwords.remember(account.id, account.passwordHash, now);
		this.principals.forget(id);
		this.audit.record("USER_PASSWORD_RESET", "User", id, this.summaries.summary("user", account.username), true);
		return generated ? password : null;
	}

	@Transactional
	public UserView unlock(CurrentUser caller, long id) {
		UserAccount account = visible(caller, id);
		if (account.lockedUntil != null || account.failedAttempts > 0) {
			account.lockedUntil = null;
			account.failedAttempts = 0;
			account.updatedAt = this.clock.instant();
			this.users.save(account);
			this.principals.forget(id);
			this.audit.record("USER_UNLOCKED", "User", id, this.summaries.summary("user", account.username), true);
		}
		return get(caller, id);
	}

	/**
	 * Accounts in the caller's scope that stand on more than one side of the separation of duties
	 * ({@link PermissionCatalog#sides}): e.g. audit together with any permission that changes data.
	 */
	@Transactional(readOnly = true)
	public List<DutyConflict> dutyConflicts(CurrentUser caller) {
		Map<Long, Set<Long>> roleIdsByUser = new HashMap<>();
		this.jdbc.sql("select user_id, role_id from idn_user_role")
			.query((rs, i) -> Map.entry(rs.getLong(1), rs.getLong(2)))
			.list()
			.forEach(e -> roleIdsByUser.computeIfAbsent(e.getKey(), k -> new HashSet<>()).add(e.getValue()));
		List<DutyConflict> conflicts = new ArrayList<>();
		this.jdbc.sql("select id, username, display_name, organisation_id from idn_user where enabled = true order by username")
			.query((rs, i) -> {
				long id = rs.getLong("id");
				if (!caller.scope().includes(rs.getLong("organisation_id"))) {
					return null;
				}
				Set<String> permissions = this.roleDirectory.permissions(roleIdsByUser.getOrDefault(id, Set.of()));
				return this.catalog.sides(permissions).size() > 1
						? new DutyConflict(id, rs.getString("username"), rs.getString("display_name"),
								sorted(this.catalog.duties(permissions)), this.catalog.changesData(permissions))
						: null;
			})
			.list()
			.stream()
			.filter(java.util.Objects::nonNull)
			.forEach(conflicts::add);
		return conflicts;
	}

	private UserAccount visible(CurrentUser caller, long id) {
		UserAccount account = this.users.findById(id).orElseThrow(OpsGuardException::notFound);
		if (!caller.scope().includes(account.organisationId)) {
			throw OpsGuardException.notFound();
		}
		return account;
	}

	private void requireOrganisation(CurrentUser caller, Long organisationId) {
		var organisation = this.tree.find(organisationId)
			.filter(o -> caller.scope().includes(o.id()))
			.orElseThrow(() -> OpsGuardException.onField("organisationId", IdentityError.UNKNOWN_ORGANISATION, organisationId));
		if (!organisation.enabled()) {
			throw OpsGuardException.onField("organisationId", IdentityError.ORGANISATION_DISABLED, organisation.name());
		}
	}

	/**
	 * Granting roles needs the grant permission, and a caller can hand out neither more scope nor
	 * roles that do not exist.
	 */
	private void requireGrant(CurrentUser caller, Set<Long> roleIds) {
		if (roleIds.isEmpty()) {
			return;
		}
		if (!caller.hasPermission(IdentityPermissions.USER_GRANT)) {
			throw OpsGuardException.onField("roleIds", IdentityError.GRANT_REQUIRED);
		}
		for (Long roleId : roleIds) {
			RoleDirectory.RoleInfo role = this.roleDirectory.get(roleId);
			if (role == null || !this.roleDirectory.visibleTo(role, caller)) {
				throw OpsGuardException.onField("roleIds", IdentityError.UNKNOWN_ROLE);
			}
			RoleService.requireGrantableScope(caller, role.dataScope(), role.organisationIds(), "roleIds",
					this.tree.coversEverything(caller.scope()));
		}
	}

	/** The accounts as views, in the order of {@code ids}: two queries whatever the page size. */
	private List<UserView> views(List<Long> ids) {
		if (ids.isEmpty()) {
			return List.of();
		}
		Map<Long, List<Long>> roleIdsByUser = new HashMap<>();
		this.jdbc.sql("select user_id, role_id from idn_user_role where user_id in (:ids)")
			.param("ids", ids)
			.query((rs, i) -> Map.entry(rs.getLong(1), rs.getLong(2)))
			.list()
			.forEach(e -> roleIdsByUser.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
		Instant now = this.clock.instant();
		Map<Long, UserView> byId = new HashMap<>();
		this.jdbc.sql("""
				select id, username, display_name, organisation_id, phone, email, enabled, locked_until, last_login_at,
				  password_changed_at, created_at, updated_at, version
				from idn_user where id in (:ids)""")
			.param("ids", ids)
			.query((rs, i) -> {
				long id = rs.getLong("id");
				long organisationId = rs.getLong("organisation_id");
				Instant lockedUntil = instant(rs.getTimestamp("locked_until"));
				boolean locked = lockedUntil != null && now.isBefore(lockedUntil);
				List<Long> roleIds = roleIdsByUser.getOrDefault(id, List.of());
				List<RoleRef> roleRefs = roleIds.stream()
					.map(this.roleDirectory::get)
					.filter(java.util.Objects::nonNull)
					.sorted(Comparator.comparing(RoleDirectory.RoleInfo::code))
					.map(r -> new RoleRef(r.id(), r.code(), this.roleDirectory.displayName(r)))
					.toList();
				Set<String> permissions = this.roleDirectory.permissions(roleIds);
				List<Duty> duties = sorted(this.catalog.duties(permissions));
				boolean changesData = this.catalog.changesData(permissions);
				return new UserView(id, rs.getString("username"), rs.getString("display_name"), organisationId,
						this.tree.find(organisationId).map(o -> o.name()).orElse(null), rs.getString("phone"),
						rs.getString("email"), roleRefs, rs.getBoolean("enabled"), locked, locked ? lockedUntil : null,
						instant(rs.getTimestamp("last_login_at")), instant(rs.getTimestamp("password_changed_at")),
						instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")), rs.getInt("version"),
						duties, changesData, this.catalog.sides(permissions).size() > 1);
			})
			.list()
			.forEach(v -> byId.put(v.id(), v));
		return ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
	}

	private static Instant instant(java.sql.Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	static List<Duty> sorted(Set<Duty> duties) {
		return duties.stream().sorted().toList();
	}

	private static Collection<Long> nonEmpty(Collection<Long> ids) {
		return ids.isEmpty() ? List.of(-1L) : ids;
	}

	private static Map<String, Object> snapshot(UserAccount a) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("username", a.username);
		map.put("displayName", a.displayName);
		map.put("organisationId", a.organisationId);
		map.put("phone", a.phone);
		map.put("email", a.email);
		map.put("enabled", a.enabled);
		map.put("roleIds", a.roleIds().stream().sorted().toList());
		return map;
	}

	/** Filters of the user list. */
	public record UserFilter(String q, Long organisationId, boolean includeDescendants, Long roleId, UserStatus status) {
	}

	/** Account states a list can be filtered by. */
	public enum UserStatus {

		ENABLED, DISABLED, LOCKED

	}

	/** A new account. */
	public record NewUser(String username, String displayName, Long organisationId, String phone, String email,
			List<Long> roleIds, String password) {
	}

	/** The editable fields of an account. */
	public record UserUpdate(String displayName, Long organisationId, String phone, String email, Integer version) {
	}

	/** A role as shown on a user. */
	public record RoleRef(long id, String code, String name) {
	}

	/**
	 * An account as administrators see it. {@code duties} are the separated duties its permissions
	 * name, {@code changesData} whether it may change data in day-to-day work, {@code dutyConflict}
	 * whether together they stand on more than one side of the separation.
	 */
	public record UserView(long id, String username, String displayName, Long organisationId, String organisationName,
			String phone, String email, List<RoleRef> roles, boolean enabled, boolean locked, Instant lockedUntil,
			Instant lastLoginAt, Instant passwordChangedAt, Instant createdAt, Instant updatedAt, Integer version,
			List<Duty> duties, boolean changesData, boolean dutyConflict) {
	}

	/** A created account and its generated initial password, shown once (null when the administrator chose it). */
	public record CreatedUser(UserView user, String initialPassword) {
	}

	/**
	 * An account standing on more than one side of the separation: the duties its permissions name,
	 * and whether it also changes data in day-to-day work (which stands on the side of system
	 * administration).
	 */
	public record DutyConflict(long id, String username, String displayName, List<Duty> duties, boolean changesData) {
	}

}
