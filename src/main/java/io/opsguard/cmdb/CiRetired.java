package io.opsguard.cmdb;

/** A configuration item was retired. */
public record CiRetired(long ciId) {
}
