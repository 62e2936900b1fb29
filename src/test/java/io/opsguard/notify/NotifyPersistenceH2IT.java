package io.opsguard.notify;

/** {@link NotifyPersistenceScenarios} on the embedded H2 database. */
class NotifyPersistenceH2IT extends NotifyPersistenceScenarios {

}
