package io.opsguard.servicedesk;

/** {@link WorkRecordPersistenceScenarios} on the embedded H2 database. */
class WorkRecordPersistenceH2IT extends WorkRecordPersistenceScenarios {

}
