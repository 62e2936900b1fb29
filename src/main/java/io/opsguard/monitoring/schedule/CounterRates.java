package io.opsguard.monitoring.schedule;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The previous reading of every counter, per monitor, to turn counters into rates per second. A
 * counter that went backwards (a restart, a 32-bit wrap we cannot tell from a reset) yields no
 * value that time rather than a spike. Kept in memory: after a restart the first collection of a
 * counter yields nothing, the second a rate.
 */
public final class CounterRates {

	private final Map<Long, Map<String, double[]>> previous = new ConcurrentHashMap<>();

	/**
	 * The rate per second since the previous reading of this counter, or NaN when there is none yet,
	 * the counter went backwards or no time passed.
	 */
	public double rate(long monitorId, String counter, double value, long timestampMillis) {
		Map<String, double[]> counters = this.previous.computeIfAbsent(monitorId, id -> new ConcurrentHashMap<>());
		double[] last = counters.put(counter, new double[] { value, timestampMillis });
		if (last == null) {
			return Double.NaN;
		}
		double seconds = (timestampMillis - last[1]) / 1000.0;
		if (seconds <= 0 || value < last[0]) {
			return Double.NaN;
		}
		return (value - last[0]) / seconds;
	}

	/** Forgets a monitor's counters (deleted, or its type changed). */
	public void forget(long monitorId) {
		this.previous.remove(monitorId);
	}

	/** How many monitors have counters remembered. */
	public int size() {
		return this.previous.size();
	}

}
