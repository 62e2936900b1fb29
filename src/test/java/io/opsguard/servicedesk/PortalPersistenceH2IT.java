package io.opsguard.servicedesk;

/** {@link PortalPersistenceScenarios} on the embedded H2 database. */
class PortalPersistenceH2IT extends PortalPersistenceScenarios {

}
