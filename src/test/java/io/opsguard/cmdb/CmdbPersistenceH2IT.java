package io.opsguard.cmdb;

/** {@link CmdbPersistenceScenarios} on the embedded H2 database. */
class CmdbPersistenceH2IT extends CmdbPersistenceScenarios {

}
