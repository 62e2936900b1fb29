package io.opsguard.alerting.internal;

/** Whether a notification route matching an alert asks for an incident ticket (routes decide, besides rules). */
interface IncidentRoutes {

	boolean opensIncident(AlertRow alert);

}
