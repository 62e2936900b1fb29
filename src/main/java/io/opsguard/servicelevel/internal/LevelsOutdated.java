package io.opsguard.servicelevel.internal;

/**
 * A CMDB transaction changed something that can move guarantee levels (a {@code supports}
 * relation, the application-support flag, a business system's status, class or retirement).
 * Published at most once per transaction, inside it, so its publication commits with the change;
 * {@link SystemLevels} recomputes the levels after the commit. {@code userId}: who made the change.
 */
record LevelsOutdated(Long userId) {
}
