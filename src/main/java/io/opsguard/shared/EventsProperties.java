package io.opsguard.shared;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Cross-module reactions ({@code opsguard.events.*}).
 *
 * @param retryAfter a publication whose listener has not completed this long after it was
 * published is published again (a failed reaction is retried; one in progress on a busy node may
 * run twice, so listeners are idempotent)
 * @param keepCompleted how long completed publications are kept for diagnosis
 */
@ConfigurationProperties("opsguard.events")
public record EventsProperties(@DefaultValue("5m") Duration retryAfter, @DefaultValue("7d") Duration keepCompleted) {
}
