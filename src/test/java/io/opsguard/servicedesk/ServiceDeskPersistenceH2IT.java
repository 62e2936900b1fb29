package io.opsguard.servicedesk;

/** {@link ServiceDeskPersistenceScenarios} on the embedded H2 database. */
class ServiceDeskPersistenceH2IT extends ServiceDeskPersistenceScenarios {

}
