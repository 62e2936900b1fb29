package io.opsguard.monitoring.store.embedded;

import java.nio.file.Path;
import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The embedded store as the {@link io.opsguard.monitoring.store.MetricStore}: the default. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "opsguard.monitoring.store", havingValue = "embedded", matchIfMissing = true)
class EmbeddedStoreConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedMetricStore embeddedMetricStore(EmbeddedStoreProperties properties, Clock clock,
			@Value("${opsguard.data-dir}") String dataDir) {
		Path directory = properties.directory() == null || properties.directory().isBlank()
				? Path.of(dataDir).resolve("metrics") : Path.of(properties.directory());
		return EmbeddedMetricStore.open(new EmbeddedMetricStore.Settings(directory, properties.rawRetention(),
				properties.rollupRetention(), properties.sealDelay(), properties.walSegmentSize().toBytes(),
				properties.maintenanceInterval()), clock);
	}

}
