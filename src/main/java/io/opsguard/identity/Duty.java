package io.opsguard.identity;

/**
 * The three separated duties (三员分立): system administration, security administration and
 * security audit. A permission belongs to at most one of them; an account should hold only one.
 */
public enum Duty {

	/** 系统管理: accounts, organisations and the configuration of every module. */
	SYSTEM,

	/** 安全管理: roles, grants, unlocking accounts. */
	SECURITY,

	/** 安全审计: reading, verifying and exporting the audit log. */
	AUDIT

}
