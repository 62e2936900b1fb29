package io.opsguard.servicelevel.internal;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The SQL of what the parties declare about each system ({@code sl_system_facts}). */
@Repository
class FactsStore {

	private final JdbcClient jdbc;

	private final Clock clock;

	FactsStore(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	SystemFacts of(long systemId) {
		return find(systemId).orElse(SystemFacts.none());
	}

	Optional<SystemFacts> find(long systemId) {
		return this.jdbc.sql("select backup_policy, monitoring_requirements, system_monitoring, application_monitoring, "
				+ "performance_support, statistics_reports, business_party_7x24, updated_at, updated_by from sl_system_facts "
				+ "where system_id = :id")
			.param("id", systemId)
			.query((rs, i) -> new SystemFacts(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4), rs.getBoolean(5),
					rs.getBoolean(6), rs.getBoolean(7), rs.getTimestamp(8).toInstant(), (Long) rs.getObject(9, Long.class)))
			.optional();
	}

	Map<Long, SystemFacts> all() {
		Map<Long, SystemFacts> all = new HashMap<>();
		this.jdbc.sql("select system_id, backup_policy, monitoring_requirements, system_monitoring, application_monitoring, "
				+ "performance_support, statistics_reports, business_party_7x24, updated_at, updated_by from sl_system_facts")
			.query((rs, i) -> all.put(rs.getLong(1), new SystemFacts(rs.getString(2), rs.getString(3), rs.getBoolean(4),
					rs.getBoolean(5), rs.getBoolean(6), rs.getBoolean(7), rs.getBoolean(8), rs.getTimestamp(9).toInstant(),
					(Long) rs.getObject(10, Long.class))))
			.list();
		return all;
	}

	void save(long systemId, SystemFacts facts, Long userId) {
		Map<String, Object> params = new HashMap<>();
		params.put("id", systemId);
		params.put("backup", blank(facts.backupPolicy()));
		params.put("monitoring", blank(facts.monitoringRequirements()));
		params.put("sys", facts.systemMonitoring());
		params.put("app", facts.applicationMonitoring());
		params.put("perf", facts.performanceSupport());
		params.put("reports", facts.statisticsReports());
		params.put("bp", facts.businessParty7x24());
		params.put("at", Timestamp.from(this.clock.instant()));
		params.put("by", userId);
		int updated = this.jdbc.sql("""
				update sl_system_facts set backup_policy = :backup, monitoring_requirements = :monitoring,
				  system_monitoring = :sys, application_monitoring = :app, performance_support = :perf,
				  statistics_reports = :reports, business_party_7x24 = :bp, updated_at = :at, updated_by = :by
				where system_id = :id""")
			.params(params)
			.update();
		if (updated == 0) {
			this.jdbc.sql("""
					insert into sl_system_facts (system_id, backup_policy, monitoring_requirements, system_monitoring,
					  application_monitoring, performance_support, statistics_reports, business_party_7x24, updated_at, updated_by)
					values (:id, :backup, :monitoring, :sys, :app, :perf, :reports, :bp, :at, :by)""")
				.params(params)
				.update();
		}
	}

	private static String blank(String value) {
		return value == null || value.isBlank() ? null : value.strip();
	}

}
