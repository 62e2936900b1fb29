package io.opsguard.cmdb.internal;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the CMDB ({@code opsguard.cmdb.*}).
 *
 * @param importConcurrency how many imports (and dry runs) may run at once; one more is refused
 * with 503 and asked to come back later
 */
@ConfigurationProperties("opsguard.cmdb")
record CmdbProperties(@DefaultValue("2") int importConcurrency) {

	CmdbProperties {
		if (importConcurrency < 1) {
			throw new IllegalArgumentException("opsguard.cmdb.import-concurrency must be at least 1");
		}
	}

}
