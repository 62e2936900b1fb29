package io.opsguard.identity;

/** {@link IdentityPersistenceScenarios} on the embedded H2 database. */
class IdentityPersistenceH2IT extends IdentityPersistenceScenarios {

}
