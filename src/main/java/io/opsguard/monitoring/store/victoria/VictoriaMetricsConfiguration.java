package io.opsguard.monitoring.store.victoria;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The VictoriaMetrics store, when {@code opsguard.monitoring.store=victoriametrics}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "opsguard.monitoring.store", havingValue = "victoriametrics")
class VictoriaMetricsConfiguration {

	@Bean
	VictoriaMetricsStore victoriaMetricsStore(VictoriaMetricsProperties properties, Clock clock) {
		if (properties.url() == null) {
			throw new IllegalStateException("opsguard.monitoring.store=victoriametrics needs "
					+ "opsguard.monitoring.store.victoriametrics.url (OPSGUARD_MONITORING_STORE_VICTORIAMETRICS_URL)");
		}
		return new VictoriaMetricsStore(properties, clock);
	}

}
