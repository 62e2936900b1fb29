package io.opsguard.servicelevel;

/**
 * A business system's effective guarantee level changed: through a confirmed grading, or because
 * an application-support system follows the systems it supports. {@code level} null: no level.
 */
public record GuaranteeLevelChanged(long systemId, Integer level, Integer previousLevel, String cause) {
}
