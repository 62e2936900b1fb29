/**
 * Collection: the timing wheel that runs every enabled monitor at its interval on a bounded pool,
 * and the derivation of stored samples from what collectors read (rates of counters, scales,
 * computed metrics, the outcome of each collection).
 */
package io.opsguard.monitoring.schedule;
