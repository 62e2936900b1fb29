package io.opsguard.monitoring.store.victoria;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the VictoriaMetrics store writes and reads ({@code opsguard.monitoring.store.victoriametrics.*}),
 * used when {@code opsguard.monitoring.store=victoriametrics}.
 *
 * @param url the single-node VictoriaMetrics, e.g. {@code http://vm.example:8428}; required then
 * @param timeout how long one request may take (connecting included)
 * @param retention VictoriaMetrics' {@code -retentionPeriod}: older samples are refused as
 *        {@code TOO_OLD} instead of being dropped silently by VictoriaMetrics
 */
@ConfigurationProperties("opsguard.monitoring.store.victoriametrics")
public record VictoriaMetricsProperties(URI url, @DefaultValue("30s") Duration timeout,
		@DefaultValue("31d") Duration retention) {
}
