package io.opsguard.servicedesk;

/** {@link MonitoringIncidentsScenarios} on the embedded H2 database. */
class MonitoringIncidentsH2IT extends MonitoringIncidentsScenarios {

}
