package io.opsguard.cmdb;

/** A configuration item was created. */
public record CiCreated(long ciId, String classCode, long organisationId) {
}
