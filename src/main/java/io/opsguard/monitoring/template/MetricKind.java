package io.opsguard.monitoring.template;

/** How a metric's collected values are turned into stored ones. */
public enum MetricKind {

	/** Stored as read (a temperature, a usage, a count of sessions). */
	GAUGE,
	/**
	 * A counter that only grows (octets, errors, requests): stored as its rate per second between
	 * two collections; a counter that went backwards (restart, wrap) yields no value that time.
	 */
	COUNTER

}
