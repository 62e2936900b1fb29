package io.opsguard.monitoring;

/** What kind of event happened on a monitored resource (besides its metrics). */
public enum ResourceEventKind {

	/** An SNMP trap or inform arrived from the resource. */
	TRAP,
	/** An expected process is not running (R-MON-04). */
	PROCESS_MISSING,
	/** A process appeared that was not running before (R-MON-04). */
	PROCESS_NEW,
	/** Every collection of the resource fails. */
	UNREACHABLE,
	/** The resource answers again after being unreachable. */
	REACHABLE

}
