package io.opsguard.identity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.identity.internal.AuditLog;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The identity module's persistence, exercised through the API so that every SQL statement runs:
 * run on H2 ({@link IdentityPersistenceH2IT}) and on a real PostgreSQL
 * ({@link IdentityPersistencePostgresIT}).
 */
abstract class IdentityPersistenceScenarios extends ApiTestSupport {

	@Autowired
	AuditLog auditLog;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void organisationsMoveWithTheirSubtreeAndScopeFollows() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long a = createOrganisation(admin, root, unique("甲"));
		long a1 = createOrganisation(admin, a, unique("甲一"));
		long a11 = createOrganisation(admin, a1, unique("甲一一"));
		long b = createOrganisation(admin, root, unique("乙"));
		long reader = createRole(admin, List.of("identity:organisation:read"), "OWN_SUBTREE", List.of());
		ApiClient bUser = createUserAndSignIn(admin, unique("bu"), b, List.of(reader));
		assertThat(bUser.get("/api/v1/organisations/" + a11).status()).isEqualTo(404);
		assertThat(admin.post("/api/v1/organisations/" + a1 + "/move", Map.of("parentId", b)).status()).isEqualTo(200);
		assertThat(bUser.get("/api/v1/organisations/" + a11).status()).isEqualTo(200);
		assertThat(admin.get("/api/v1/organisations/" + a11).json().path("path").findValuesAsText("id"))
			.containsExactly(String.valueOf(root), String.valueOf(b), String.valueOf(a1), String.valueOf(a11));
		assertThat(admin.get("/api/v1/organisations?parentId=" + b + "&sort=name,desc").json().path("total").asLong())
			.isEqualTo(1);
		assertThat(admin.delete("/api/v1/organisations/" + a11).status()).isEqualTo(204);
	}

	@Test
	void usersAreSearchedSortedAndPagedInTheDatabase() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long org = createOrganisation(admin, root, unique("库"));
		String tag = unique("p");
		for (int i = 0; i < 5; i++) {
			Response created = admin.post("/api/v1/users", Map.of("username", tag + i, "displayName", "用户" + (5 - i),
					"organisationId", org, "roleIds", List.of(roleId(admin, "ENGINEER"))));
			assertThat(created.status()).isEqualTo(201);
		}
		JsonNode page = admin.get("/api/v1/users?q=" + tag + "&sort=displayName,asc&page=1&size=2").json();
		assertThat(page.path("total").asLong()).isEqualTo(5);
		assertThat(page.path("items").findValuesAsText("displayName")).containsExactly("用户3", "用户4");
		assertThat(admin.get("/api/v1/users?roleId=" + roleId(admin, "ENGINEER") + "&q=" + tag).json().path("total")
			.asLong()).isEqualTo(5);
		assertThat(admin.get("/api/v1/users?status=DISABLED&q=" + tag).json().path("total").asLong()).isZero();
		assertThat(admin.get("/api/v1/users?q=" + tag + "&sort=lastLoginAt,desc").status()).isEqualTo(200);
	}

	@Test
	void rolesKeepTheirPermissionsAndListedOrganisations() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long listed = createOrganisation(admin, root, unique("列"));
		long role = createRole(admin, List.of("identity:user:read", "identity:organisation:read"), "LISTED", List.of(listed));
		JsonNode view = admin.get("/api/v1/roles/" + role).json();
		assertThat(view.path("permissions").toString()).contains("identity:user:read", "identity:organisation:read");
		assertThat(view.path("organisationIds").get(0).asLong()).isEqualTo(listed);
		Response updated = admin.put("/api/v1/roles/" + role, Map.of("name", "改", "permissions", List.of("identity:user:read"),
				"dataScope", "OWN_SUBTREE", "organisationIds", List.of(), "version", view.path("version").asInt()));
		assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
		assertThat(updated.json().path("permissions")).hasSize(1);
		assertThat(updated.json().path("organisationIds")).isEmpty();
		assertThat(admin.delete("/api/v1/organisations/" + listed).status()).isEqualTo(204);
	}

	@Test
	void passwordHistoryLockOutAndTokensPersist() {
		ApiClient admin = admin();
		String name = unique("h");
		ApiClient user = createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		String previous = passwordOf(name);
		for (int i = 0; i < 6; i++) {
			String next = "Hist@" + i + "word";
			assertThat(user.post("/api/v1/auth/password", Map.of("currentPassword", previous, "newPassword", next)).status())
				.isEqualTo(204);
			previous = next;
		}
		assertThat(user.post("/api/v1/auth/password", Map.of("currentPassword", previous, "newPassword", "Hist@2word"))
			.status()).isEqualTo(400);
		for (int i = 0; i < 5; i++) {
			client().login(name, "Wrong@Pass" + i);
		}
		assertThat(client().login(name, previous).code()).isEqualTo("IDN-0002");
		Response token = admin.post("/api/v1/auth/tokens",
				Map.of("name", "t", "expiresAt", LocalDate.now().plusDays(2).toString()));
		assertThat(client().bearer(token.json().path("token").asText()).get("/api/v1/auth/session").status()).isEqualTo(200);
	}

	/**
	 * Twenty thousand entries written in one millisecond, at an instant the database would round
	 * onto the next millisecond, verify intact; then every tampered entry is located, each where
	 * it happened (before, a rounding break at entry ~1,300 hid everything after it).
	 */
	@Test
	void theAuditChainHoldsTwentyThousandEntriesOfOneMillisecondAndLocatesEveryTamperedOne() {
		Instant before = this.clock.instant();
		String marker = unique("bulk");
		this.clock.set(Instant.parse("2026-12-06T01:02:03.999999700Z"));
		try {
			TransactionTemplate tx = new TransactionTemplate(this.transactions);
			for (int batch = 0; batch < 10; batch++) {
				int first = batch * 2000;
				tx.executeWithoutResult(status -> {
					for (int i = first; i < first + 2000; i++) {
						this.auditLog.record("CI_IMPORTED", "Test", marker, "row " + i, true);
					}
				});
			}
		}
		finally {
			this.clock.set(before);
		}
		ApiClient admin = admin();
		JsonNode intact = admin.get("/api/v1/audit/verify").json();
		assertThat(intact.path("intact").asBoolean()).as(intact.toString()).isTrue();
		assertThat(intact.path("entries").asLong()).isGreaterThanOrEqualTo(20_000);
		List<Long> ids = this.jdbc.sql("select id from idn_audit_log where target_id = :m order by id")
			.param("m", marker)
			.query(Long.class)
			.list();
		assertThat(ids).hasSize(20_000);
		long changed = ids.get(4_999);
		long retimed = ids.get(12_000);
		long removed = ids.get(17_500);
		Map<String, Object> removedRow = this.jdbc.sql("select * from idn_audit_log where id = :id")
			.param("id", removed)
			.query()
			.singleRow();
		java.sql.Timestamp retimedAt = this.jdbc.sql("select occurred_at from idn_audit_log where id = :id")
			.param("id", retimed)
			.query(java.sql.Timestamp.class)
			.single();
		this.jdbc.sql("update idn_audit_log set summary = 'nothing happened' where id = :id").param("id", changed).update();
		this.jdbc.sql("update idn_audit_log set occurred_at = :at where id = :id")
			.param("at", java.sql.Timestamp.from(retimedAt.toInstant().plusNanos(1000)))
			.param("id", retimed)
			.update();
		this.jdbc.sql("delete from idn_audit_log where id = :id").param("id", removed).update();
		try {
			JsonNode broken = admin.get("/api/v1/audit/verify").json();
			assertThat(broken.path("intact").asBoolean()).isFalse();
			assertThat(broken.path("brokenAt").asLong()).isEqualTo(changed);
			assertThat(broken.path("brokenCount").asLong()).isEqualTo(3);
			assertThat(broken.path("broken").findValuesAsText("fromId")).containsExactly(String.valueOf(changed),
					String.valueOf(retimed), String.valueOf(removed));
			assertThat(broken.path("broken").findValuesAsText("problem")).containsExactly("CHANGED", "CHANGED", "MISSING");
		}
		finally {
			this.jdbc.sql("update idn_audit_log set summary = 'row 4999' where id = :id").param("id", changed).update();
			this.jdbc.sql("update idn_audit_log set occurred_at = :at where id = :id")
				.param("at", retimedAt)
				.param("id", retimed)
				.update();
			StringBuilder columns = new StringBuilder();
			StringBuilder values = new StringBuilder();
			removedRow.keySet().forEach(column -> {
				columns.append(columns.length() == 0 ? "" : ", ").append(column);
				values.append(values.length() == 0 ? ":" : ", :").append(column);
			});
			this.jdbc.sql("insert into idn_audit_log (" + columns + ") values (" + values + ")").params(removedRow).update();
		}
		assertThat(admin.get("/api/v1/audit/verify").json().path("intact").asBoolean()).isTrue();
	}

	@Test
	void theAuditChainIsWrittenFilteredAndVerified() {
		ApiClient admin = admin();
		long org = createOrganisation(admin, rootOrganisationId(admin), unique("链"));
		JsonNode entries = admin.get("/api/v1/audit?targetType=Organisation&targetId=" + org + "&outcome=SUCCESS&from="
				+ LocalDate.now().minusDays(1) + "&sort=occurredAt,asc").json();
		assertThat(entries.path("total").asLong()).isEqualTo(1);
		JsonNode verification = admin.get("/api/v1/audit/verify").json();
		assertThat(verification.path("intact").asBoolean()).isTrue();
		assertThat(admin.get("/api/v1/audit/export").status()).isEqualTo(200);
	}

}
