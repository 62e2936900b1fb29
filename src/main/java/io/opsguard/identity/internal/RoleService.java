package io.opsguard.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Duty;
import io.opsguard.identity.internal.Role.DataScopeType;
import io.opsguard.identity.internal.RoleDirectory.RoleInfo;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.context.MessageSource;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Roles: permission sets with a data scope. A role belongs to the organisation that defined it:
 * that organisation's subtree may change it, the organisations below may assign it, others do not
 * see it. Built-in roles are read-only and customised by copying. Every role is checked against
 * the permission catalogue and the separation of duties.
 */
@Service
public class RoleService {

	private static final Map<String, String> SORTABLE = Map.of("code", "code", "name", "name", "createdAt", "created_at");

	private final RoleRepository roles;

	private final PermissionCatalog catalog;

	private final OrganisationTree tree;

	private final Principals principals;

	private final RoleDirectory directory;

	private final SecurityAdministrators administrators;

	private final DutySeparation separation;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final MessageSource messages;

	RoleService(RoleRepository roles, PermissionCatalog catalog, OrganisationTree tree, Principals principals,
			RoleDirectory directory, SecurityAdministrators administrators, DutySeparation separation, JdbcClient jdbc,
			AuditTrail audit, Clock clock, MessageSource messages) {
		this.roles = roles;
		this.catalog = catalog;
		this.tree = tree;
		this.principals = principals;
		this.directory = directory;
		this.administrators = administrators;
		this.separation = separation;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.messages = messages;
	}

	@Transactional(readOnly = true)
	public PageResult<RoleSummary> search(CurrentUser caller, String q, Integer page, Integer size, String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "built_in desc, code");
		List<String> where = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		List<Long> above = this.tree.ancestors(caller.organisationId());
		where.add("(built_in = true or organisation_id is null or " + caller.scope().sqlCondition("organisation_id")
				+ (above.isEmpty() ? "" : " or organisation_id in (:above)") + ")");
		if (!above.isEmpty()) {
			params.put("above", above);
		}
		if (q != null && !q.isBlank()) {
			where.add("(lower(code) like :q or lower(name) like :q)");
			params.put("q", "%" + q.trim().toLowerCase(Locale.ROOT) + "%");
		}
		String condition = " where " + String.join(" and ", where);
		long total = this.jdbc.sql("select count(*) from idn_role" + condition).params(params).query(Long.class).single();
		Map<Long, String> descriptions = new LinkedHashMap<>();
		this.jdbc
			.sql("select id, description from idn_role" + condition + " order by " + paging.orderBy()
					+ " limit :limit offset :offset")
			.params(params)
			.param("limit", paging.size())
			.param("offset", paging.offset())
			.query((rs, i) -> descriptions.put(rs.getLong(1), rs.getString(2)))
			.list();
		Map<Long, Long> userCounts = userCounts(caller);
		List<RoleSummary> items = new ArrayList<>();
		descriptions.forEach((id, description) -> {
			RoleInfo r = this.directory.get(id);
			if (r != null) {
				items.add(new RoleSummary(r.id(), r.code(), this.directory.displayName(r), description(r, description),
						r.builtIn(), r.ownerId(), ownerName(r.ownerId()), this.directory.editableBy(r, caller), r.dataScope(),
						r.permissions().size(), userCounts.getOrDefault(r.id(), 0L),
						UserService.sorted(this.catalog.duties(r.permissions())), this.catalog.changesData(r.permissions())));
			}
		});
		return new PageResult<>(items, total, paging.page(), paging.size());
	}

	@Transactional(readOnly = true)
	public RoleView get(CurrentUser caller, long id) {
		return view(visible(caller, id), caller);
	}

	@Transactional
	public RoleView create(CurrentUser caller, RoleInput input, String code) {
		requireUniqueCode(code);
		Role role = new Role();
		role.code = code.trim();
		role.organisationId = caller.organisationId();
		apply(caller, role, input);
		Instant now = this.clock.instant();
		role.createdAt = now;
		role.updatedAt = now;
		role = this.roles.save(role);
		this.directory.invalidate();
		this.audit.recordChange("ROLE_CREATED", "Role", role.id, null, snapshot(role));
		return view(role, caller);
	}

	@Transactional
	public RoleView copy(CurrentUser caller, long id, String code, String name) {
		Role source = visible(caller, id);
		return create(caller, new RoleInput(name, source.builtIn ? builtInDescription(source.code, source.description)
				: source.description, source.permissionKeys(), source.dataScope, source.organisationIds(), null), code);
	}

	@Transactional
	public RoleView update(CurrentUser caller, long id, RoleInput input) {
		Role role = editable(caller, id);
		if (!role.version.equals(input.version())) {
			throw new OptimisticLockingFailureException("role " + id);
		}
		Map<String, Object> before = snapshot(role);
		Set<String> heldPermissions = role.permissionKeys();
		DataScopeType heldScope = role.dataScope;
		Set<Long> heldOrganisations = Set.copyOf(role.organisationIds());
		apply(caller, role, input);
		boolean rightsChange = !heldPermissions.equals(role.permissionKeys()) || heldScope != role.dataScope
				|| !heldOrganisations.equals(role.organisationIds());
		if (rightsChange) {
			this.separation.requireNotHeldBy(caller, id, role.name);
			this.separation.requireHoldersStayOnOneSide(id, role.permissionKeys());
		}
		role.updatedAt = this.clock.instant();
		role = this.roles.save(role);
		this.administrators.requireOneRemains();
		this.directory.invalidate();
		this.principals.forgetAll();
		this.audit.recordChange("ROLE_UPDATED", "Role", id, before, snapshot(role));
		if (rightsChange) {
			this.separation.splitFirstAdministratorIfDue();
		}
		return view(role, caller);
	}

	@Transactional
	public void delete(CurrentUser caller, long id) {
		Role role = editable(caller, id);
		long holders = this.jdbc.sql("select count(*) from idn_user_role where role_id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
		if (holders > 0) {
			throw new OpsGuardException(IdentityError.ROLE_IN_USE, role.name, holders);
		}
		this.roles.delete(role);
		this.directory.invalidate();
		this.audit.recordChange("ROLE_DELETED", "Role", id, snapshot(role), null);
	}

	private void apply(CurrentUser caller, Role role, RoleInput input) {
		Set<String> permissions = new TreeSet<>(input.permissions());
		this.catalog.validateRole(permissions);
		Set<Long> organisationIds = input.dataScope() == DataScopeType.LISTED && input.organisationIds() != null
				? new TreeSet<>(input.organisationIds()) : Set.of();
		for (Long organisationId : organisationIds) {
			if (this.tree.find(organisationId).isEmpty()) {
				throw OpsGuardException.onField("organisationIds", IdentityError.UNKNOWN_ORGANISATION, organisationId);
			}
		}
		requireGrantableScope(caller, input.dataScope(), organisationIds, "dataScope",
				this.tree.coversEverything(caller.scope()));
		role.name = input.name().trim();
		role.description = OrganisationService.blankToNull(input.description());
		role.dataScope = input.dataScope();
		role.setPermissionKeys(permissions);
		role.setOrganisationIds(organisationIds);
	}

	/**
	 * A caller cannot hand out data they cannot see themselves: {@code ALL} needs a caller who sees
	 * every organisation, listed organisations must lie inside the caller's scope.
	 */
	static void requireGrantableScope(CurrentUser caller, DataScopeType scope, Collection<Long> organisationIds,
			String field, boolean callerSeesEverything) {
		if (scope == DataScopeType.ALL && !callerSeesEverything) {
			throw OpsGuardException.onField(field, IdentityError.SCOPE_NOT_GRANTABLE);
		}
		if (scope == DataScopeType.LISTED && !caller.scope().includesAll(organisationIds)) {
			throw OpsGuardException.onField(field, IdentityError.SCOPE_NOT_GRANTABLE);
		}
	}

	private Role visible(CurrentUser caller, long id) {
		RoleInfo info = this.directory.get(id);
		if (info == null || !this.directory.visibleTo(info, caller)) {
			throw OpsGuardException.notFound();
		}
		return this.roles.findById(id).orElseThrow(OpsGuardException::notFound);
	}

	private Role editable(CurrentUser caller, long id) {
		Role role = visible(caller, id);
		if (role.builtIn) {
			throw new OpsGuardException(IdentityError.ROLE_BUILT_IN, this.directory.builtInName(role.code, role.name));
		}
		if (!this.directory.editableBy(this.directory.get(id), caller)) {
			String owner = ownerName(role.organisationId);
			throw new OpsGuardException(IdentityError.ROLE_DEFINED_ABOVE, role.name, owner == null ? "—" : owner);
		}
		return role;
	}

	private void requireUniqueCode(String code) {
		long taken = this.jdbc.sql("select count(*) from idn_role where lower(code) = lower(:code)")
			.param("code", code.trim())
			.query(Long.class)
			.single();
		if (taken > 0) {
			throw OpsGuardException.onField("code", IdentityError.ROLE_CODE_TAKEN, code.trim());
		}
	}

	/** How many users of the caller's scope hold each role. */
	private Map<Long, Long> userCounts(CurrentUser caller) {
		Map<Long, Long> counts = new HashMap<>();
		this.jdbc.sql("select ur.role_id, count(*) as n from idn_user_role ur join idn_user u on u.id = ur.user_id where "
				+ caller.scope().sqlCondition("u.organisation_id") + " group by ur.role_id")
			.query((rs, i) -> counts.put(rs.getLong("role_id"), rs.getLong("n")))
			.list();
		return counts;
	}

	private String ownerName(Long organisationId) {
		return organisationId == null ? null : this.tree.find(organisationId).map(o -> o.name()).orElse(null);
	}

	private String description(RoleInfo role, String stored) {
		return role.builtIn() ? builtInDescription(role.code(), stored) : stored;
	}

	private String builtInDescription(String code, String stored) {
		return this.messages.getMessage("role.builtin." + code + ".description", null, stored,
				LocaleContextHolder.getLocale());
	}

	private RoleView view(Role r, CurrentUser caller) {
		Set<String> permissions = r.permissionKeys();
		String name = r.builtIn ? this.directory.builtInName(r.code, r.name) : r.name;
		RoleInfo info = this.directory.get(r.id);
		return new RoleView(r.id, r.code, name, r.builtIn ? builtInDescription(r.code, r.description) : r.description,
				r.builtIn, r.organisationId, ownerName(r.organisationId), info != null && this.directory.editableBy(info, caller),
				r.dataScope, List.copyOf(r.organisationIds()), List.copyOf(permissions),
				UserService.sorted(this.catalog.duties(permissions)), this.catalog.changesData(permissions),
				userCounts(caller).getOrDefault(r.id, 0L), r.createdAt,
				r.updatedAt, r.version);
	}

	private static Map<String, Object> snapshot(Role r) {
		Map<String, Object> map = new LinkedHashMap<>();
		map.put("code", r.code);
		map.put("name", r.name);
		map.put("description", r.description);
		map.put("dataScope", r.dataScope);
		map.put("organisationIds", List.copyOf(r.organisationIds()));
		map.put("permissions", List.copyOf(r.permissionKeys()));
		return map;
	}

	/** The editable part of a role. */
	public record RoleInput(String name, String description, Collection<String> permissions, DataScopeType dataScope,
			Collection<Long> organisationIds, Integer version) {
	}

	/** A role in the list ({@code duties} and {@code changesData} as for users, ADR 0006). */
	public record RoleSummary(long id, String code, String name, String description, boolean builtIn,
			Long organisationId, String organisationName, boolean editable, DataScopeType dataScope, int permissionCount,
			long userCount, List<Duty> duties, boolean changesData) {
	}

	/** A role with its permissions. */
	public record RoleView(long id, String code, String name, String description, boolean builtIn, Long organisationId,
			String organisationName, boolean editable, DataScopeType dataScope, List<Long> organisationIds,
			List<String> permissions, List<Duty> duties, boolean changesData, long userCount, Instant createdAt,
			Instant updatedAt, Integer version) {
	}

}
