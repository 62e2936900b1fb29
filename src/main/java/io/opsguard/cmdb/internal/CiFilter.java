package io.opsguard.cmdb.internal;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.Importance;

/**
 * Filters of a CI list; every field is optional. {@code classId} includes the subclasses when
 * {@code includeSubclasses}, {@code organisationId} always its sub-organisations.
 */
public record CiFilter(String q, String name, Long classId, boolean includeSubclasses, Long organisationId,
		CiStatus status, Importance importance, String tag, Long ownerId, Integer unverifiedDays,
		boolean includeRetired) {

	/** Every CI of one class (and below), in use or not. */
	public static CiFilter ofClass(long classId) {
		return new CiFilter(null, null, classId, true, null, null, null, null, null, null, true);
	}

}
