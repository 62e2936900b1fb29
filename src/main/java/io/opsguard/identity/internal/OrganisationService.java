package io.opsguard.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations.OrganisationView;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Creating, renaming, moving, disabling and deleting organisations, always inside the caller's
 * data scope and always audited.
 */
@Service
public class OrganisationService {

	private static final Map<String, String> SORTABLE = Map.of("name", "name", "code", "code", "sortOrder", "sort_order",
			"createdAt", "created_at");

	private final OrganisationRepository organisations;

	private final OrganisationTree tree;

	private final Principals principals;

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final SecurityAdministrators administrators;

	private final DutySeparation separation;

	OrganisationService(OrganisationRepository organisations, OrganisationTree tree, Principals principals, JdbcClient jdbc,
			AuditTrail audit, Clock clock, SecurityAdministrators administrators, DutySeparation separation) {
		this.organisations = organisations;
		this.tree = tree;
		this.principals = principals;
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.administrators = administrators;
		this.separation = separation;
	}

	public List<OrganisationTree.TreeNode> forest(CurrentUser user) {
		return this.tree.forest(user.scope().organisationIds(), user.scope().all());
	}

	@Transactional(readOnly = true)
	public OrganisationDetail get(CurrentUser user, long id) {
		return detail(visible(user, id), user);
	}

	@Transactional(readOnly = true)
	public PageResult<OrganisationDetail> search(CurrentUser user, String q, Long parentId, Boolean enabled, String type,
			Integer page, Integer size, String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SORTABLE, "sort_order, name, id");
		List<String> where = new ArrayList<>(List.of("1 = 1"));
		Map<String, Object> params = new HashMap<>();
		if (!user.scope().all()) {
			where.add(user.scope().sqlCondition("id"));
		}
		if (q != null && !q.isBlank()) {
			where.add("(lower(name) like :q or lower(code) like :q)");
			params.put("q", "%" + q.trim().toLowerCase(Locale.ROOT) + "%");
		}
		if (parentId != null) {
			where.add("parent_id = :parentId");
			params.put("parentId", parentId);
		}
		if (enabled != null) {
			where.add("enabled = :enabled");
			params.put("enabled", enabled);
		}
		if (type != null && !type.isBlank()) {
			where.add("type = :type");
			params.put("type", type);
		}
		PageResult<Long> found = SqlPages.ids(this.jdbc, "id", "idn_organisation", String.join(" and ", where), params,
				paging);
		List<Long> ids = found.items();
		List<OrganisationDetail> items = new ArrayList<>();
		this.organisations.findAllById(ids).forEach(o -> items.add(detail(o, user)));
		items.sort(java.util.Comparator.comparingInt(d -> ids.indexOf(d.id())));
		return new PageResult<>(items, found.total(), found.page(), found.size());
	}

	@Transactional
	public OrganisationDetail create(CurrentUser user, OrganisationInput input, Long parentId) {
		Organisation parent = null;
		if (parentId == null) {
			if (!user.scope().all()) {
				throw OpsGuardException.onField("parentId", IdentityError.ROOT_NEEDS_ALL_SCOPE);
			}
		}
		else {
			parent = this.organisations.findById(parentId)
				.filter(p -> user.scope().includes(p.getId()))
				.orElseThrow(() -> OpsGuardException.onField("parentId", IdentityError.UNKNOWN_ORGANISATION, parentId));
			if (!parent.isEnabled()) {
				throw OpsGuardException.onField("parentId", IdentityError.ORGANISATION_DISABLED, parent.getName());
			}
		}
		requireUniqueCode(input.code(), null);
		Instant now = this.clock.instant();
		Organisation organisation = new Organisation();
		organisation.setParentId(parentId);
		apply(organisation, input);
		organisation.setCreatedAt(now);
		organisation.setUpdatedAt(now);
		organisation = this.organisations.save(organisation);
		organisation.setPath((parent == null ? "/" : parent.getPath()) + organisation.getId() + "/");
		organisation = this.organisations.save(organisation);
		changed();
		this.audit.recordChange("ORGANISATION_CREATED", "Organisation", organisation.getId(), null, snapshot(organisation));
		return detail(organisation, user);
	}

	/** Creates an organisation on behalf of the system (demo data, set-up); audited without a user. */
	@Transactional
	public long createForSystem(Long parentId, String name, String code, OrganisationType type) {
		Organisation parent = parentId == null ? null : this.organisations.findById(parentId).orElseThrow();
		requireUniqueCode(code, null);
		Instant now = this.clock.instant();
		Organisation organisation = new Organisation();
		organisation.setParentId(parentId);
		apply(organisation, new OrganisationInput(name, code, type, null, null, 0));
		organisation.setCreatedAt(now);
		organisation.setUpdatedAt(now);
		organisation = this.organisations.save(organisation);
		organisation.setPath((parent == null ? "/" : parent.getPath()) + organisation.getId() + "/");
		organisation = this.organisations.save(organisation);
		changed();
		this.audit.recordChange("ORGANISATION_CREATED", "Organisation", organisation.getId(), null, snapshot(organisation));
		return organisation.getId();
	}

	@Transactional
	public OrganisationDetail update(CurrentUser user, long id, OrganisationInput input, Integer version) {
		Organisation organisation = visible(user, id);
		checkVersion(organisation, version);
		requireUniqueCode(input.code(), id);
		Map<String, Object> before = snapshot(organisation);
		apply(organisation, input);
		organisation.setUpdatedAt(this.clock.instant());
		organisation = this.organisations.save(organisation);
		changed();
		this.audit.recordChange("ORGANISATION_UPDATED", "Organisation", id, before, snapshot(organisation));
		return detail(organisation, user);
	}

	@Transactional
	public OrganisationDetail move(CurrentUser user, long id, Long newParentId) {
		Organisation organisation = visible(user, id);
		if (newParentId == null) {
			return moveToTop(user, organisation);
		}
		Organisation parent = this.organisations.findById(newParentId)
			.filter(p -> user.scope().includes(p.getId()))
			.orElseThrow(() -> OpsGuardException.onField("parentId", IdentityError.UNKNOWN_ORGANISATION, newParentId));
		if (this.tree.subtree(id).contains(newParentId)) {
			throw OpsGuardException.onField("parentId", IdentityError.ORGANISATION_MOVE_CYCLE, organisation.getName(),
					parent.getName());
		}
		if (!parent.isEnabled()) {
			throw OpsGuardException.onField("parentId", IdentityError.ORGANISATION_DISABLED, parent.getName());
		}
		return relocate(organisation, newParentId, parent.getPath() + id + "/", user);
	}

	/** A new top level, like creating one, needs a role whose data scope is ALL. */
	private OrganisationDetail moveToTop(CurrentUser user, Organisation organisation) {
		if (!user.scope().all()) {
			throw OpsGuardException.onField("parentId", IdentityError.ROOT_NEEDS_ALL_SCOPE);
		}
		return relocate(organisation, null, "/" + organisation.getId() + "/", user);
	}

	private OrganisationDetail relocate(Organisation organisation, Long newParentId, String newPath, CurrentUser user) {
		long id = organisation.getId();
		Map<String, Object> before = snapshot(organisation);
		String oldPath = organisation.getPath();
		organisation.setParentId(newParentId);
		organisation.setPath(newPath);
		organisation.setUpdatedAt(this.clock.instant());
		organisation = this.organisations.save(organisation);
		this.jdbc.sql("update idn_organisation set path = :newPath || substring(path, :cut) where path like :old and id <> :id")
			.param("newPath", newPath)
			.param("cut", oldPath.length() + 1)
			.param("old", oldPath + "%")
			.param("id", id)
			.update();
		changed();
		this.audit.recordChange("ORGANISATION_MOVED", "Organisation", id, before, snapshot(organisation));
		return detail(this.organisations.findById(id).orElseThrow(), user);
	}

	@Transactional
	public OrganisationDetail setEnabled(CurrentUser user, long id, boolean enabled) {
		Organisation organisation = visible(user, id);
		if (organisation.isEnabled() == enabled) {
			return detail(organisation, user);
		}
		if (!enabled) {
			long enabledChildren = this.jdbc
				.sql("select count(*) from idn_organisation where parent_id = :id and enabled = true")
				.param("id", id)
				.query(Long.class)
				.single();
			if (enabledChildren > 0) {
				throw new OpsGuardException(IdentityError.ORGANISATION_HAS_ENABLED_CHILDREN, organisation.getName(),
						enabledChildren);
			}
			if (user.organisationId() == id) {
				throw new OpsGuardException(IdentityError.CANNOT_DISABLE_SELF);
			}
		}
		else if (organisation.getParentId() != null
				&& !this.organisations.findById(organisation.getParentId()).map(Organisation::isEnabled).orElse(true)) {
			throw new OpsGuardException(IdentityError.ORGANISATION_DISABLED,
					this.organisations.findById(organisation.getParentId()).map(Organisation::getName).orElse(""));
		}
		Map<String, Object> before = snapshot(organisation);
		organisation.setEnabled(enabled);
		organisation.setUpdatedAt(this.clock.instant());
		organisation = this.organisations.save(organisation);
		if (!enabled) {
			this.administrators.requireOneRemains();
		}
		changed();
		this.audit.recordChange(enabled ? "ORGANISATION_ENABLED" : "ORGANISATION_DISABLED", "Organisation", id, before,
				snapshot(organisation));
		if (enabled) {
			this.separation.splitFirstAdministratorIfDue();
		}
		return detail(organisation, user);
	}

	@Transactional
	public void delete(CurrentUser user, long id) {
		Organisation organisation = visible(user, id);
		int children = this.tree.childCount(id);
		long users = userCount(id);
		long roles = this.jdbc.sql("select (select count(*) from idn_role_organisation where organisation_id = :id)"
				+ " + (select count(*) from idn_role where organisation_id = :id)")
			.param("id", id)
			.query(Long.class)
			.single();
		if (children > 0 || users > 0 || roles > 0) {
			throw new OpsGuardException(IdentityError.ORGANISATION_IN_USE, organisation.getName(), children, users, roles);
		}
		this.organisations.delete(organisation);
		changed();
		this.audit.recordChange("ORGANISATION_DELETED", "Organisation", id, snapshot(organisation), null);
	}

	private void changed() {
		this.tree.invalidate();
		this.principals.forgetAll();
	}

	private Organisation visible(CurrentUser user, long id) {
		if (!user.scope().includes(id)) {
			throw OpsGuardException.notFound();
		}
		return this.organisations.findById(id).orElseThrow(OpsGuardException::notFound);
	}

	private static void checkVersion(Organisation organisation, Integer version) {
		if (!organisation.getVersion().equals(version)) {
			throw new OptimisticLockingFailureException("organisation " + organisation.getId());
		}
	}

	private void requireUniqueCode(String code, Long exceptId) {
		Long holder = this.jdbc.sql("select id from idn_organisation where lower(code) = lower(:code)")
			.param("code", code.trim())
			.query(Long.class)
			.optional()
			.orElse(null);
		if (holder != null && !holder.equals(exceptId)) {
			throw OpsGuardException.onField("code", IdentityError.ORGANISATION_CODE_TAKEN, code.trim());
		}
	}

	private static void apply(Organisation organisation, OrganisationInput input) {
		organisation.setName(input.name().trim());
		organisation.setCode(input.code().trim());
		organisation.setType(input.type());
		organisation.setContactPerson(blankToNull(input.contactPerson()));
		organisation.setContactPhone(blankToNull(input.contactPhone()));
		organisation.setSortOrder(input.sortOrder() == null ? 0 : input.sortOrder());
	}

	static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value.trim();
	}

	private long userCount(long id) {
		return this.jdbc.sql("select count(*) from idn_user where organisation_id = :id")
			.param("id", id)
			.query(Long.class)
			.single();
	}

	private static Map<String, Object> snapshot(Organisation o) {
		Map<String, Object> map = new java.util.LinkedHashMap<>();
		map.put("name", o.getName());
		map.put("code", o.getCode());
		map.put("type", o.getType());
		map.put("parentId", o.getParentId());
		map.put("contactPerson", o.getContactPerson());
		map.put("contactPhone", o.getContactPhone());
		map.put("sortOrder", o.getSortOrder());
		map.put("enabled", o.isEnabled());
		return map;
	}

	/** The organisation as the user sees it: ancestors outside their scope are left out of the path. */
	private OrganisationDetail detail(Organisation o, CurrentUser user) {
		List<OrganisationView> path = this.tree.path(o.getId())
			.stream()
			.filter(p -> p.id() == o.getId() || user.scope().includes(p.id()))
			.toList();
		String parentName = o.getParentId() == null || !user.scope().includes(o.getParentId()) ? null
				: this.tree.find(o.getParentId()).map(OrganisationView::name).orElse(null);
		return new OrganisationDetail(o.getId(), o.getParentId(), parentName, o.getName(), o.getCode(), o.getType(),
				o.getContactPerson(), o.getContactPhone(), o.isEnabled(), o.getSortOrder(),
				path.stream().map(p -> new PathElement(p.id(), p.name())).toList(), this.tree.childCount(o.getId()),
				userCount(o.getId()), o.getCreatedAt(), o.getUpdatedAt(), o.getVersion());
	}

	/** What a client may set on an organisation. */
	public record OrganisationInput(String name, String code, OrganisationType type, String contactPerson,
			String contactPhone, Integer sortOrder) {
	}

	/** An organisation with its place in the tree and counts. */
	public record OrganisationDetail(long id, Long parentId, String parentName, String name, String code,
			OrganisationType type, String contactPerson, String contactPhone, boolean enabled, int sortOrder,
			List<PathElement> path, int childCount, long userCount, Instant createdAt, Instant updatedAt,
			Integer version) {
	}

	/** One step of an organisation's path from the root. */
	public record PathElement(long id, String name) {
	}

}
