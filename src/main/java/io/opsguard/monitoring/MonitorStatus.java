package io.opsguard.monitoring;

/** How a monitor's collections go (its colour in the lists). */
public enum MonitorStatus {

	/** Not collected yet. */
	PENDING,
	/** The last collection succeeded. */
	UP,
	/** The last collection read some metrics but not all. */
	PARTIAL,
	/** The last collection failed. */
	DOWN,
	/** Switched off by a person. */
	DISABLED

}
