package io.opsguard.identity;

/**
 * Records an entry in the tamper-evident audit log, in the caller's transaction, with the current
 * user, organisation and source address filled in. Every state change of every module goes
 * through here.
 */
public interface AuditTrail {

	/**
	 * Records a successful change. {@code before} and {@code after} are summarised field by field
	 * (only the fields that differ); either may be null for creation or removal. Fields named like
	 * secrets are never written.
	 */
	void recordChange(String action, String targetType, Object targetId, Object before, Object after);

	/**
	 * Records an event with a summary that is data, not language (e.g. a CI's code and name). A
	 * summary in words is an {@link AuditMessage}, so that every reader sees it in their language.
	 */
	void record(String action, String targetType, Object targetId, String summary, boolean success);

	/** Records an event whose summary is a message rendered in the reader's language. */
	void record(String action, String targetType, Object targetId, AuditMessage summary, boolean success);

	/**
	 * Records an event of the current user in a transaction of its own, for actions that change
	 * nothing but must be on record (exports, verifications).
	 */
	void recordNow(String action, String targetType, Object targetId, String summary, boolean success);

	/** As {@link #recordNow(String, String, Object, String, boolean)} with a message summary. */
	void recordNow(String action, String targetType, Object targetId, AuditMessage summary, boolean success);

	/**
	 * Records that the current user was refused an operation for lack of permission, in a
	 * transaction of its own (the refused request changes nothing).
	 */
	void recordDenied(String method, String path);

}
