/**
 * CMDB: configuration item classes with typed attributes, configuration items, relations, their
 * history, impact analysis and the business-system catalogue. Other modules read it through
 * {@link io.opsguard.cmdb.ConfigurationItems} and listen to its events ({@link
 * io.opsguard.cmdb.CiCreated}, {@link io.opsguard.cmdb.CiChanged}, {@link io.opsguard.cmdb.CiRetired},
 * {@link io.opsguard.cmdb.RelationChanged}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "CMDB", allowedDependencies = { "shared", "identity", "calendar" })
package io.opsguard.cmdb;
