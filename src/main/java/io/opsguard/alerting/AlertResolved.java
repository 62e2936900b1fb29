package io.opsguard.alerting;

/**
 * An alert ended: its condition cleared, its source resolved it or somebody closed it.
 *
 * @param automatic whether it ended by itself (recovery) rather than by a person
 */
public record AlertResolved(long alertId, Long ciId, boolean automatic) {
}
