package io.opsguard.monitoring.collect;

import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.TemplateProblems;

/**
 * Collects one monitor's metrics over one protocol: a plug-in registered as a bean and keyed by
 * {@link #protocol()}, driven by data (the monitor type's YAML). A collector is called from many
 * threads at once and keeps no state between calls; it must honour the request's timeout itself
 * (connect and read timeouts), answer every failure as an {@link Outcome} with the exact technical
 * detail instead of throwing, and never log a secret parameter.
 * <p>
 * Counters are answered as raw counter values: the scheduler turns metrics of kind {@code counter}
 * into rates per second, applies each metric's {@code scale} and evaluates {@code compute}
 * expressions, so a collector only reads what the template's {@code source} names.
 */
public interface Collector {

	/** The protocol this collector speaks, as templates name it: {@code snmp}, {@code ssh}, {@code http} … */
	String protocol();

	/**
	 * Checks the protocol-specific parts of a template ({@code collect} and each metric's
	 * {@code source}) and reports every fault; called when templates are loaded or uploaded.
	 */
	default void validate(MonitorType type, TemplateProblems problems) {
	}

	/** Collects once. */
	CollectionResult collect(CollectionRequest request);

}
