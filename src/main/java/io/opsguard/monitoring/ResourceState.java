package io.opsguard.monitoring;

/** How a monitored resource (a CI with monitors) is doing, from its monitors' last collections. */
public enum ResourceState {

	/** Every enabled monitor collected at its last run. */
	OK,
	/** Some monitors fail or read only part of their metrics. */
	WARNING,
	/** Every enabled monitor fails: the resource cannot be reached. */
	UNREACHABLE,
	/** Not collected yet. */
	PENDING,
	/** Every monitor is switched off. */
	DISABLED

}
