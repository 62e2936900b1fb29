package io.opsguard.monitoring.collect;

import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypes;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * In the running application the SSH, JDBC and JMX collectors are beans and their built-in
 * templates are loaded (a broken one would have stopped the start).
 */
class HostCollectorsWiringIT extends ApiTestSupport {

	@Autowired
	MonitorTypes types;

	@Test
	void theCollectorsAndTheirTemplatesAreLoaded() {
		assertThat(this.types.protocols()).contains("ssh", "jdbc", "jmx");
		assertThat(this.types.all()).extracting(MonitorType::id)
			.contains("linux-ssh", "postgresql", "mysql", "oracle", "dameng", "jvm-jmx", "tomcat-jmx", "weblogic-jmx",
					"tongweb-jmx", "apusic-jmx", "bes-jmx");
		assertThat(this.types.find("postgresql").orElseThrow().category()).isEqualTo("database");
	}

}
