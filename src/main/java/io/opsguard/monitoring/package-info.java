/**
 * Monitoring (R-MON, R-SYS-03/06/10): monitors attached to CIs collect metrics through protocol
 * {@link io.opsguard.monitoring.collect.Collector collectors} (ICMP, TCP, HTTP, DNS, SNMP, SSH, JMX,
 * Prometheus, JDBC) described by data — YAML {@link io.opsguard.monitoring.template.MonitorType monitor
 * types} — on a timing-wheel scheduler by importance class, into the
 * {@link io.opsguard.monitoring.store.MetricStore metric store} (embedded, or VictoriaMetrics past one
 * machine). Traps and process changes are recorded as events on the CI for alerting.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Monitoring",
		allowedDependencies = { "shared", "identity", "calendar", "notify", "cmdb" })
package io.opsguard.monitoring;
