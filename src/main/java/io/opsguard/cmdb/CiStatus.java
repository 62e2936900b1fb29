package io.opsguard.cmdb;

/** Life-cycle state of a configuration item. */
public enum CiStatus {

	PLANNED, IN_USE, MAINTENANCE, RETIRED

}
