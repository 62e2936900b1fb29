package io.opsguard.identity.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.DataScope;
import io.opsguard.identity.Duty;
import io.opsguard.identity.internal.UserAccount.PasswordChangeReason;
import io.opsguard.identity.internal.UserService.RoleRef;
import io.opsguard.shared.OpsGuardException;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What a signed-in user does for themself: see their session, change their password, sign out. */
@Service
public class MyAccount {

	private final UserAccountRepository users;

	private final RoleDirectory roles;

	private final OrganisationTree tree;

	private final PermissionCatalog catalog;

	private final Passwords passwords;

	private final Principals principals;

	private final AuditLog audit;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final Clock clock;

	MyAccount(UserAccountRepository users, RoleDirectory roles, OrganisationTree tree, PermissionCatalog catalog,
			Passwords passwords, Principals principals, AuditLog audit, ApplicationEventPublisher events, JdbcClient jdbc,
			Clock clock) {
		this.users = users;
		this.roles = roles;
		this.tree = tree;
		this.catalog = catalog;
		this.passwords = passwords;
		this.principals = principals;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** The session as the UI loads it on every page: one query besides the in-memory caches. */
	public SessionView session(CurrentUser user) {
		SessionRow row = this.jdbc.sql("""
				select display_name, email, phone, password_changed_at, password_change_reason
				from idn_user where id = :id""")
			.param("id", user.id())
			.query((rs, i) -> new SessionRow(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getTimestamp(4).toInstant(), rs.getString(5)))
			.optional()
			.orElseThrow(OpsGuardException::notFound);
		List<Long> roleIds = this.jdbc.sql("select role_id from idn_user_role where user_id = :id")
			.param("id", user.id())
			.query(Long.class)
			.list();
		List<RoleRef> roleRefs = new ArrayList<>();
		roleIds.stream()
			.map(this.roles::get)
			.filter(java.util.Objects::nonNull)
			.forEach(r -> roleRefs.add(new RoleRef(r.id(), r.code(), this.roles.displayName(r))));
		roleRefs.sort(Comparator.comparing(RoleRef::code));
		Instant now = this.clock.instant();
		PasswordChangeReason reason = row.changeReason() != null ? PasswordChangeReason.valueOf(row.changeReason())
				: this.passwords.policy().expired(row.passwordChangedAt(), now) ? PasswordChangeReason.EXPIRED : null;
		List<Duty> duties = UserService.sorted(this.catalog.duties(user.permissions()));
		SessionUser me = new SessionUser(user.id(), user.username(), row.displayName(), user.organisationId(),
				this.tree.find(user.organisationId()).map(o -> o.name()).orElse(null), row.email(), row.phone());
		return new SessionView(me, roleRefs, List.copyOf(new TreeSet<>(user.permissions())), user.scope(),
				this.tree.coversEverything(user.scope()), reason != null, reason,
				this.passwords.policy().expiresAt(row.passwordChangedAt()).orElse(null), duties, duties.size() > 1);
	}

	private record SessionRow(String displayName, String email, String phone, Instant passwordChangedAt,
			String changeReason) {
	}

	@Transactional
	public void changePassword(CurrentUser user, String currentPassword, String newPassword) {
		UserAccount account = this.users.findById(user.id()).orElseThrow(OpsGuardException::notFound);
		if (!this.passwords.matches(currentPassword, account.passwordHash)) {
			// recorded in a transaction of its own: the refused change rolls back
			this.audit.recordNow("PASSWORD_CHANGE_FAILED", "User", account.id, this.audit.summary("currentPasswordWrong"),
					false);
			throw OpsGuardException.onField("currentPassword", IdentityError.CURRENT_PASSWORD_WRONG);
		}
		this.passwords.checkPolicy(newPassword, account.username, account.id, "newPassword");
		Instant now = this.clock.instant();
		account.passwordHash = this.passwords.hash(newPassword);
		account.passwordChangedAt = now;
		account.passwordChangeReason = null;
		account.updatedAt = now;
		this.users.save(account);
		this.passwords.remember(account.id, account.passwordHash, now);
		this.principals.forget(account.id);
		this.audit.record("PASSWORD_CHANGED", "User", account.id, (String) null, true);
		this.events.publishEvent(new PasswordChanged(account.id));
	}

	@Transactional
	public void signedOut(CurrentUser user) {
		this.audit.record("LOGOUT", "User", user.id(), (String) null, true);
	}

	/** A user changed their own password (used to remove the initial-password file). */
	public record PasswordChanged(long userId) {
	}

	/** The signed-in user as the UI needs it at start-up. */
	public record SessionView(SessionUser user, List<RoleRef> roles, List<String> permissions, DataScope dataScope,
			boolean seesAllOrganisations, boolean passwordChangeRequired, PasswordChangeReason passwordChangeReason, Instant passwordExpiresAt,
			List<Duty> duties, boolean dutyConflict) {
	}

	/** Who is signed in. */
	public record SessionUser(long id, String username, String displayName, long organisationId,
			String organisationName, String email, String phone) {
	}

}
