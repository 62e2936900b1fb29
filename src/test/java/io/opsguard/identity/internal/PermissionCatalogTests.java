package io.opsguard.identity.internal;

import java.util.List;
import java.util.Locale;

import io.opsguard.identity.BuiltInRole;
import io.opsguard.identity.Duty;
import io.opsguard.shared.OpsGuardException;
import org.junit.jupiter.api.Test;

import org.springframework.context.support.StaticMessageSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PermissionCatalogTests {

	private final PermissionCatalog catalog = new PermissionCatalog(List.of(new IdentityPermissions()),
			new StaticMessageSource());

	@Test
	void theThreeBuiltInAdministratorRolesHoldOneDutyEach() {
		assertThat(this.catalog.duties(this.catalog.grantedTo(BuiltInRole.SYSTEM_ADMIN))).containsExactly(Duty.SYSTEM);
		assertThat(this.catalog.duties(this.catalog.grantedTo(BuiltInRole.SECURITY_ADMIN))).containsExactly(Duty.SECURITY);
		assertThat(this.catalog.duties(this.catalog.grantedTo(BuiltInRole.AUDITOR))).containsExactly(Duty.AUDIT);
	}

	@Test
	void theBuiltInAuditorRolePassesItsOwnValidation() {
		this.catalog.validateRole(this.catalog.grantedTo(BuiltInRole.AUDITOR));
		assertThat(this.catalog.grantedTo(BuiltInRole.SYSTEM_ADMIN)).noneMatch(p -> p.startsWith("audit:"));
	}

	@Test
	void together_theThreeRolesCoverEveryPermission() {
		var union = new java.util.TreeSet<String>();
		union.addAll(this.catalog.grantedTo(BuiltInRole.SYSTEM_ADMIN));
		union.addAll(this.catalog.grantedTo(BuiltInRole.SECURITY_ADMIN));
		union.addAll(this.catalog.grantedTo(BuiltInRole.AUDITOR));
		assertThat(union).isEqualTo(this.catalog.keys());
	}

	@Test
	void refusesUnknownPermissionsAndAuditMixedWithWrites() {
		assertThatThrownBy(() -> this.catalog.validateRole(List.of("identity:user:fly")))
			.isInstanceOf(OpsGuardException.class)
			.extracting(e -> ((OpsGuardException) e).errorCode())
			.isEqualTo(IdentityError.UNKNOWN_PERMISSION);
		assertThatThrownBy(() -> this.catalog.validateRole(List.of("audit:log:read", "identity:organisation:update")))
			.extracting(e -> ((OpsGuardException) e).errorCode())
			.isEqualTo(IdentityError.SEPARATION_OF_DUTIES);
	}

	@Test
	void markingSomethingAsVerifiedIsAWriteThatAuditorsCannotHold() {
		PermissionCatalog withCmdb = new PermissionCatalog(List.of(new IdentityPermissions(),
				() -> List.of(io.opsguard.identity.PermissionDefinition.of("cmdb:ci:verify", null),
						io.opsguard.identity.PermissionDefinition.of("cmdb:ci:export", null))),
				new StaticMessageSource());
		withCmdb.validateRole(List.of("audit:log:read", "audit:log:verify", "cmdb:ci:export"));
		assertThatThrownBy(() -> withCmdb.validateRole(List.of("audit:log:read", "cmdb:ci:verify")))
			.extracting(e -> ((OpsGuardException) e).errorCode())
			.isEqualTo(IdentityError.SEPARATION_OF_DUTIES);
	}

	@Test
	void sidesAreJudgedFromPermissionsAndOrdinaryWritesStandWithAdministration() {
		PermissionCatalog withCmdb = new PermissionCatalog(List.of(new IdentityPermissions(),
				() -> List.of(io.opsguard.identity.PermissionDefinition.of("cmdb:ci:update", null),
						io.opsguard.identity.PermissionDefinition.of("cmdb:ci:read", null))),
				new StaticMessageSource());
		List<String> auditingEngineer = List.of("audit:log:read", "cmdb:ci:update", "cmdb:ci:read");
		assertThat(withCmdb.duties(auditingEngineer)).as("named duties: the engineer is no 系统管理员")
			.containsExactly(Duty.AUDIT);
		assertThat(withCmdb.changesData(auditingEngineer)).isTrue();
		assertThat(withCmdb.sides(auditingEngineer)).containsExactlyInAnyOrder(Duty.AUDIT, Duty.SYSTEM);
		assertThat(withCmdb.sides(List.of("audit:log:read", "cmdb:ci:read", "identity:user:read")))
			.containsExactly(Duty.AUDIT);
		assertThat(withCmdb.sides(List.of("cmdb:ci:update", "identity:user:create"))).containsExactly(Duty.SYSTEM);
		assertThat(withCmdb.sides(List.of("cmdb:ci:update", "identity:user:grant")))
			.containsExactlyInAnyOrder(Duty.SYSTEM, Duty.SECURITY);
		assertThatThrownBy(() -> withCmdb.validateRole(List.of("identity:user:grant", "cmdb:ci:update")))
			.extracting(e -> ((OpsGuardException) e).errorCode())
			.isEqualTo(IdentityError.SEPARATION_OF_DUTIES);
	}

	@Test
	void everyBuiltInRoleStandsOnOneSideAtMost() {
		for (BuiltInRole role : BuiltInRole.values()) {
			assertThat(this.catalog.sides(this.catalog.grantedTo(role))).as(role.name()).hasSizeLessThanOrEqualTo(1);
			this.catalog.validateRole(this.catalog.grantedTo(role));
		}
	}

	@Test
	void theTreeGroupsByModuleAndResource() {
		var tree = this.catalog.tree(Locale.SIMPLIFIED_CHINESE);
		assertThat(tree).extracting(PermissionCatalog.PermissionNode::key).containsExactly("audit", "identity");
		assertThat(tree.get(1).children()).extracting(PermissionCatalog.PermissionNode::key)
			.containsExactly("identity:organisation", "identity:role", "identity:user");
	}

	@Test
	void aPermissionIsDeclaredOnce() {
		assertThatThrownBy(() -> new PermissionCatalog(List.of(new IdentityPermissions(), new IdentityPermissions()),
				new StaticMessageSource()))
			.isInstanceOf(IllegalStateException.class);
	}

}
