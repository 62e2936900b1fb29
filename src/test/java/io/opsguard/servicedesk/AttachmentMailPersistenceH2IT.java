package io.opsguard.servicedesk;

/** {@link AttachmentMailPersistenceScenarios} on the embedded H2 database. */
class AttachmentMailPersistenceH2IT extends AttachmentMailPersistenceScenarios {

}
