package io.opsguard.identity.internal;

import io.opsguard.shared.OpsGuardException;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Somebody must always be able to grant roles, or the system could never be administered again:
 * at least one enabled account of an enabled organisation keeps {@code identity:user:grant}.
 * Checked inside the transaction of every change that could take it away.
 */
@Component
class SecurityAdministrators {

	private final JdbcClient jdbc;

	SecurityAdministrators(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void requireOneRemains() {
		long holders = this.jdbc.sql("""
				select count(distinct u.id) from idn_user u
				join idn_organisation o on o.id = u.organisation_id
				join idn_user_role ur on ur.user_id = u.id
				join idn_role_permission rp on rp.role_id = ur.role_id
				where u.enabled = true and o.enabled = true and rp.permission = :grant""")
			.param("grant", IdentityPermissions.USER_GRANT)
			.query(Long.class)
			.single();
		if (holders == 0) {
			throw new OpsGuardException(IdentityError.LAST_SECURITY_ADMIN);
		}
	}

}
