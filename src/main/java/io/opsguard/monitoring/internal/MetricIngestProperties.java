package io.opsguard.monitoring.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the metric ingestion API ({@code opsguard.monitoring.ingest.*}).
 *
 * @param maxBodySize the largest request body read; a larger one answers 413 {@code MON-0122}
 * @param maxSamples the most samples (lines or items) one request may carry
 */
@ConfigurationProperties("opsguard.monitoring.ingest")
public record MetricIngestProperties(@DefaultValue("10MB") DataSize maxBodySize, @DefaultValue("100000") int maxSamples) {
}
