package io.opsguard.cmdb.internal;

/** A CI by its code and name, with its organisation (to decide whether a reader may see them). */
public record CiName(long id, String code, String name, long organisationId) {
}
