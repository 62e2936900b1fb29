package io.opsguard.monitoring.collect;

/**
 * How a collection ended; recorded for every collection so that "no data" is never silent.
 */
public enum Outcome {

	/** Every metric the target offers was read. */
	SUCCESS,
	/** Some metrics were read, some could not be (a missing OID, a failing query). */
	PARTIAL,
	/** The target did not answer in time. */
	TIMEOUT,
	/** The target could not be reached: no route, unknown host, ping without answer. */
	UNREACHABLE,
	/** The target actively refused the connection (port closed). */
	REFUSED,
	/** The target refused the credentials (password, key, community, v3 user). */
	AUTH_FAILED,
	/** The target answered something the collector could not understand. */
	BAD_RESPONSE,
	/** The monitor's parameters or the template cannot work (a missing driver, an unknown host name format). */
	CONFIG_ERROR,
	/** Anything else. */
	ERROR;

	/** Whether values were collected. */
	public boolean collected() {
		return this == SUCCESS || this == PARTIAL;
	}

}
