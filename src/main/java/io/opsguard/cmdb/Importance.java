package io.opsguard.cmdb;

/** How much a resource matters (核心 / 关键 / 一般); drives monitoring intervals. */
public enum Importance {

	CORE, KEY, GENERAL

}
