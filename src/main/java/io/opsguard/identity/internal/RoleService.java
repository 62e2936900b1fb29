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
 * Roles: permission sets with a data scope. Built-in roles are read-only and customised by
 * copying; every role is checked against the permission catalogue and the separation of duties.
 */
@Service
public class RoleService {

	private static final Map<String, String> SORTABLE = Map.of("code", "code", "name", "name", "createdAt", "created_at");

	private final RoleRepository roles;

	private final PermissionCatalog catalog;

	private final OrganisationTree tree;

	private final Principals principals;

	private final RoleDirectory directory;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final MessageSource messages;

	RoleService(RoleRepository roles, PermissionCatalog catalog, OrganisationTree tree, Principals principals,
			RoleDirectory directory,
			JdbcClient jdbc, AuditTrail audit, Clock clock, MessageSource messages) {
		this.roles = roles;
		this.catalog = catalog;
		this.tree = tree;
		this.principals = principals;
		this.directory = directory;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.messages = messages;
	}

	@Transactional(readOnly = true)
	public PageResult<RoleSummary> search(String q, Integer page, Integer size, String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "built_in desc, code");
		String where = "1 = 1";
		Map<String, Object> params = new HashMap<>();
		if (q != null && !q.isBlank()) {
			where = "(lower(code) like :q or lower(name) like :q)";
			params.put("q", "%" + q.trim().toLowerCase(Locale.ROOT) + "%");
		}
		long total = this.jdbc.sql("select count(*) from idn_role where " + where).params(params).query(Long.class).single();
		List<Long> ids = this.jdbc
			.sql("select id from idn_role where " + where + " order by " + paging.orderBy() + " limit :limit offset :offset")
			.params(params)
			.param("limit", paging.size())
			.param("offset", paging.offset())
			.query(Long.class)
			.list();
		Map<Long, Long> userCounts = userCounts();
		List<RoleSummary> items = new ArrayList<>();
		Map<Long, String> descriptions = new HashMap<>();
		if (!ids.isEmpty()) {
			this.jdbc.sql("select id, description from idn_role where id in (:ids)")
				.param("ids", ids)
				.query((rs, i) -> {
					descriptions.put(rs.getLong(1), rs.getString(2));
					return null;
				})
				.list();
		}
		for (Long id : ids) {
			RoleDirectory.RoleInfo r = this.directory.get(id);
			if (r != null) {
				items.add(new RoleSummary(r.id(), r.code(), this.directory.displayName(r), description(r, descriptions.get(id)), r.builtIn(), r.dataScope(),
						r.permissions().size(), userCounts.getOrDefault(r.id(), 0L),
						UserService.sorted(this.catalog.duties(r.permissions()))));
			}
		}
		return new PageResult<>(items, total, paging.page(), paging.size());
	}

	@Transactional(readOnly = true)
	public RoleView get(long id) {
		return view(find(id));
	}

	@Transactional
	public RoleView create(CurrentUser caller, RoleInput input, String code) {
		requireUniqueCode(code);
		Role role = new Role();
		role.code = code.trim();
		apply(caller, role, input);
		Instant now = this.clock.instant();
		role.createdAt = now;
		role.updatedAt = now;
		role = this.roles.save(role);
		this.directory.invalidate();
		this.audit.recordChange("ROLE_CREATED", "Role", role.id, null, snapshot(role));
		return view(role);
	}

	@Transactional
	public RoleView copy(CurrentUser caller, long id, String code, String name) {
		Role source = find(id);
		return create(caller, new RoleInput(name, source.description, source.permissionKeys(), source.dataScope,
				source.organisationIds(), null), code);
	}

	@Transactional
	public RoleView update(CurrentUser caller, long id, RoleInput input) {
		Role role = find(id);
		if (role.builtIn) {
			throw new OpsGuardException(IdentityError.ROLE_BUILT_IN, role.name);
		}
		if (input.version() != null && !input.version().equals(role.version)) {
			throw new OptimisticLockingFailureException("role " + id);
		}
		Map<String, Object> before = snapshot(role);
		apply(caller, role, input);
		role.updatedAt = this.clock.instant();
		role = this.roles.save(role);
		this.directory.invalidate();
		this.principals.forgetAll();
		this.audit.recordChange("ROLE_UPDATED", "Role", id, before, snapshot(role));
		return view(role);
	}

	@Transactional
	public void delete(long id) {
		Role role = find(id);
		if (role.builtIn) {
			throw new OpsGuardException(IdentityError.ROLE_BUILT_IN, role.name);
		}
		long holders = userCounts().getOrDefault(id, 0L);
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
		requireGrantableScope(caller, input.dataScope(), organisationIds, "dataScope");
		role.name = input.name().trim();
		role.description = OrganisationService.blankToNull(input.description());
		role.dataScope = input.dataScope();
		role.setPermissionKeys(permissions);
		role.setOrganisationIds(organisationIds);
	}

	/** A caller cannot hand out data they cannot see themselves. */
	static void requireGrantableScope(CurrentUser caller, DataScopeType scope, Collection<Long> organisationIds,
			String field) {
		if (scope == DataScopeType.ALL && !caller.scope().all()) {
			throw OpsGuardException.onField(field, IdentityError.SCOPE_NOT_GRANTABLE);
		}
		if (scope == DataScopeType.LISTED && !caller.scope().includesAll(organisationIds)) {
			throw OpsGuardException.onField(field, IdentityError.SCOPE_NOT_GRANTABLE);
		}
	}

	private String description(RoleDirectory.RoleInfo role, String stored) {
		return role.builtIn() ? builtInDescription(role.code(), stored) : stored;
	}

	private String builtInDescription(String code, String stored) {
		return this.messages.getMessage("role.builtin." + code + ".description", null, stored,
				LocaleContextHolder.getLocale());
	}

	private Role find(long id) {
		return this.roles.findById(id).orElseThrow(OpsGuardException::notFound);
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

	private Map<Long, Long> userCounts() {
		Map<Long, Long> counts = new HashMap<>();
		this.jdbc.sql("select role_id, count(*) as n from idn_user_role group by role_id")
			.query((rs, i) -> Map.entry(rs.getLong("role_id"), rs.getLong("n")))
			.list()
			.forEach(e -> counts.put(e.getKey(), e.getValue()));
		return counts;
	}

	private RoleView view(Role r) {
		Set<String> permissions = r.permissionKeys();
		String name = r.builtIn ? this.directory.builtInName(r.code, r.name) : r.name;
		return new RoleView(r.id, r.code, name, r.builtIn ? builtInDescription(r.code, r.description) : r.description, r.builtIn, r.dataScope, List.copyOf(r.organisationIds()),
				List.copyOf(permissions), UserService.sorted(this.catalog.duties(permissions)),
				userCounts().getOrDefault(r.id, 0L), r.createdAt, r.updatedAt, r.version);
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

	/** A role in the list. */
	public record RoleSummary(long id, String code, String name, String description, boolean builtIn,
			DataScopeType dataScope, int permissionCount, long userCount, List<Duty> duties) {
	}

	/** A role with its permissions. */
	public record RoleView(long id, String code, String name, String description, boolean builtIn,
			DataScopeType dataScope, List<Long> organisationIds, List<String> permissions, List<Duty> duties,
			long userCount, Instant createdAt, Instant updatedAt, Integer version) {
	}

}
