package io.opsguard.identity.internal;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.identity.internal.AuditChain.AuditRecord;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiTestSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An installation upgraded from before hash scheme 2: its log, written by the old code with times
 * the database rounded onto the next millisecond, still verifies intact after the upgrade, and the
 * first entry of the new scheme says so on record (ADR 0003).
 */
class AuditChainUpgradeIT extends ApiTestSupport {

	private static final Path LEGACY = newDataDir();

	/** Instants of the old entries as the clock gave them; the second is rounded up by the database. */
	private static final List<Instant> CLOCK = List.of(Instant.parse("2026-10-01T08:00:00.100000Z"),
			Instant.parse("2026-10-01T08:00:00.9999996Z"), Instant.parse("2026-10-01T08:00:01.000000300Z"));

	@DynamicPropertySource
	static void legacyDatabase(DynamicPropertyRegistry registry) {
		prepare();
		registry.add("spring.datasource.url", AuditChainUpgradeIT::url);
	}

	private static String url() {
		return "jdbc:h2:file:" + LEGACY + "/opsguard;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
	}

	/** The schema as it was at 4.1 and three entries written the way the old code wrote them. */
	private static void prepare() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(url(), "opsguard", "");
		Flyway.configure()
			.dataSource(dataSource)
			.locations("classpath:db/migration", "classpath:db/vendor/h2")
			.target("4.1")
			.load()
			.migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource);
		String previous = AuditChain.GENESIS;
		long id = 0;
		for (Instant at : CLOCK) {
			id++;
			AuditRecord entry = new AuditRecord(id, AuditChain.LEGACY_SCHEME, at, null, "ghost" + id, null, "127.0.0.1",
					"LOGIN_FAILED", "User", null, "用户名不存在", null, null, null, "FAILURE");
			String hash = AuditChain.hash(previous, entry);
			jdbc.sql("""
					insert into idn_audit_log (id, occurred_at, user_id, username, organisation_id, source_ip, action,
					  target_type, target_id, summary, outcome, prev_hash, hash)
					values (:id, :at, null, :username, null, '127.0.0.1', 'LOGIN_FAILED', 'User', null, '用户名不存在',
					  'FAILURE', :prev, :hash)""")
				.param("id", id)
				.param("at", Timestamp.from(at))
				.param("username", entry.username())
				.param("prev", previous)
				.param("hash", hash)
				.update();
			previous = hash;
		}
		jdbc.sql("update idn_audit_head set last_id = :id, last_hash = :hash where id = 1")
			.param("id", id)
			.param("hash", previous)
			.update();
	}

	@Test
	void theOldEntriesStillVerifyAndTheUpgradeIsOnRecord() {
		ApiClient admin = admin();
		JsonNode verification = admin.get("/api/v1/audit/verify").json();
		assertThat(verification.path("intact").asBoolean()).as(verification.toString()).isTrue();
		JsonNode upgrade = admin.get("/api/v1/audit?action=AUDIT_CHAIN_UPGRADED").json().path("items");
		assertThat(upgrade).hasSize(1);
		assertThat(upgrade.get(0).path("id").asLong()).isEqualTo(CLOCK.size() + 1);
		assertThat(upgrade.get(0).path("summary").asText()).contains("第 2 版").contains("3 条");
		assertThat(admin.language("en").get("/api/v1/audit?action=AUDIT_CHAIN_UPGRADED").json().path("items").get(0)
			.path("summary").asText()).contains("scheme 2");
		JsonNode legacy = admin.get("/api/v1/audit?action=LOGIN_FAILED&username=ghost2").json().path("items").get(0);
		assertThat(legacy.path("summary").asText()).isEqualTo("用户名不存在");
	}

}
