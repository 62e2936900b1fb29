package io.opsguard.monitoring.template;

import java.time.Duration;

/**
 * A default threshold the alerting rules start from.
 *
 * @param severity how serious a breach is
 * @param operator one of {@code >}, {@code >=}, {@code <}, {@code <=}, {@code ==}, {@code !=}
 * @param value the value compared with
 * @param duration how long the condition must hold ({@code for: 3m}); zero for at once
 */
public record ThresholdDefinition(Severity severity, String operator, double value, Duration duration) {
}
