package io.opsguard.servicedesk;

/** {@link TicketLinkPersistenceScenarios} on the embedded H2 database. */
class TicketLinkPersistenceH2IT extends TicketLinkPersistenceScenarios {

}
