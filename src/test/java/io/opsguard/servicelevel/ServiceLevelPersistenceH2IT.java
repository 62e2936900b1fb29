package io.opsguard.servicelevel;

/** {@link ServiceLevelPersistenceScenarios} on the embedded H2 database. */
class ServiceLevelPersistenceH2IT extends ServiceLevelPersistenceScenarios {

}
