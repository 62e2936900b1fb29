package io.opsguard.monitoring.internal;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Finds the monitored resource behind a network address, for what arrives unasked (SNMP traps,
 * later syslog): the CI of the oldest monitor whose host is that address.
 */
@Component
public class ResourceAddresses {

	private final JdbcClient jdbc;

	ResourceAddresses(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** A resource and the monitor through which it was found. */
	public record Resource(long ciId, long monitorId) {
	}

	public Optional<Resource> resourceAt(String address) {
		if (address == null || address.isBlank()) {
			return Optional.empty();
		}
		return this.jdbc.sql("select ci_id, id from mon_monitor where host = :host order by id")
			.param("host", address.trim())
			.query((rs, n) -> new Resource(rs.getLong(1), rs.getLong(2)))
			.optional();
	}

}
