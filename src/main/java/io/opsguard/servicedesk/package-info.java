/**
 * The service desk (R-DSK, R-PRC-01): tickets of every type from every channel, their lifecycle
 * ({@link io.opsguard.servicedesk.TicketState}, {@link io.opsguard.servicedesk.TicketAction}), SLA
 * and OLA timers kept as event logs and measured in working time against the calendar version each
 * timer started with, two-line support, complaints, satisfaction, daily work records and the
 * self-service portal. Targets come from {@link io.opsguard.servicelevel.SlaPolicies}; business
 * systems and CIs from the CMDB.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Service desk",
		allowedDependencies = { "shared", "identity", "calendar", "notify", "cmdb", "servicelevel" })
package io.opsguard.servicedesk;
