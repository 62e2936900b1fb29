/**
 * Monitor types as data: YAML templates under {@code monitoring/templates/} (built in) or uploaded by
 * administrators, parsed and validated by {@link io.opsguard.monitoring.template.MonitorTypeParser}.
 * The format is described in {@code docs/guide/monitor-templates.md}.
 */
@org.springframework.modulith.NamedInterface("template")
package io.opsguard.monitoring.template;
