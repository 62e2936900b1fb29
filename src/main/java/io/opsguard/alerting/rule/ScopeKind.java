package io.opsguard.alerting.rule;

/** Which resources a rule (or a maintenance window) applies to. */
public enum ScopeKind {

	/** Every monitored resource. */
	ALL,
	/** One resource (CI id). */
	RESOURCE,
	/** A CI class and the classes below it (class code). */
	CLASS,
	/** The CIs carrying a tag. */
	TAG,
	/** An organisation and those below it (organisation id). */
	ORGANISATION,
	/** The resources watched by monitors of one monitor type (template rules). */
	MONITOR_TYPE,
	/** The CIs a business system is built from (business system CI id). */
	BUSINESS_SYSTEM

}
