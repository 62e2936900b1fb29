package io.opsguard.alerting.internal;

import java.time.Instant;

/** A step of an alert's timeline: fired, reopened, silenced, notified, acknowledged, resolved … */
public record AlertEvent(long id, long alertId, Instant at, String kind, Long actorId, String detail) {
}
