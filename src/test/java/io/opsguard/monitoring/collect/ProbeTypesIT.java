package io.opsguard.monitoring.collect;

import java.util.List;

import io.opsguard.monitoring.template.MonitorTypes;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/** The application starts with the probe and scrape collectors and their built-in templates. */
class ProbeTypesIT extends ApiTestSupport {

	@Autowired
	MonitorTypes types;

	@Test
	void theProbeAndScrapeTypesAreBuiltIn() {
		assertThat(this.types.protocols()).contains("icmp", "tcp", "http", "dns", "prometheus");
		for (String id : List.of("icmp-ping", "tcp-port", "http-check", "dns-lookup", "node-exporter", "prometheus-generic")) {
			assertThat(this.types.find(id)).as(id).hasValueSatisfying(type -> assertThat(type.builtIn()).isTrue());
		}
	}

}
