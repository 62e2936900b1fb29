package io.opsguard.identity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.identity.internal.AuditLog;
import io.opsguard.support.ApiClient;
import io.opsguard.support.ApiClient.Response;
import io.opsguard.support.ApiTestSupport;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit log: every change recorded, filterable, exportable, and tamper-evident. */
class AuditApiIT extends ApiTestSupport {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	AuditLog auditLog;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void recordsWhoDidWhatFromWhereWithBeforeAndAfter() {
		ApiClient admin = admin();
		long org = createOrganisation(admin, rootOrganisationId(admin), unique("审计"));
		JsonNode entry = admin.get("/api/v1/audit?action=ORGANISATION_CREATED&targetId=" + org).json().path("items").get(0);
		assertThat(entry.path("username").asText()).isEqualTo("admin");
		assertThat(entry.path("sourceIp").asText()).isIn("127.0.0.1", "::1");
		assertThat(entry.path("actionLabel").asText()).isEqualTo("新增机构");
		assertThat(entry.path("organisationName").asText()).isNotBlank();
		assertThat(entry.path("summary").asText()).contains("名称: ").contains("审计");
		assertThat(entry.path("outcome").asText()).isEqualTo("SUCCESS");
		JsonNode english = admin.language("en").get("/api/v1/audit?action=ORGANISATION_CREATED&targetId=" + org).json();
		assertThat(english.path("items").get(0).path("actionLabel").asText()).isEqualTo("Organisation created");
	}

	@Test
	void failedSignInsAreRecordedToo() {
		String name = unique("fail");
		client().login(name, "Wrong@Pass1");
		JsonNode entries = admin().get("/api/v1/audit?action=LOGIN_FAILED&username=" + name).json();
		assertThat(entries.path("total").asLong()).isEqualTo(1);
		assertThat(entries.path("items").get(0).path("outcome").asText()).isEqualTo("FAILURE");
	}

	@Test
	void filtersByTimeAndRejectsBadFilters() {
		ApiClient admin = admin();
		assertThat(admin.get("/api/v1/audit?from=2000-01-01&to=2000-01-02").json().path("total").asLong()).isZero();
		assertThat(admin.get("/api/v1/audit?from=" + java.time.LocalDate.now().minusDays(1)).json().path("total").asLong())
			.isPositive();
		Response bad = admin.get("/api/v1/audit?from=yesterday");
		assertThat(bad.status()).isEqualTo(400);
		assertThat(bad.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
		assertThat(admin.get("/api/v1/audit/actions").json().findValuesAsText("action")).contains("LOGIN_SUCCEEDED");
	}

	@Test
	void theChainVerifiesAndDetectsTampering() {
		ApiClient admin = admin();
		createOrganisation(admin, rootOrganisationId(admin), unique("链"));
		JsonNode ok = admin.get("/api/v1/audit/verify").json();
		assertThat(ok.path("intact").asBoolean()).isTrue();
		assertThat(ok.path("entries").asLong()).isPositive();

		long victim = this.jdbc.sql("select min(id) from idn_audit_log where action = 'ORGANISATION_CREATED'")
			.query(Long.class)
			.single();
		String original = this.jdbc.sql("select summary_args from idn_audit_log where id = ?")
			.param(victim)
			.query(String.class)
			.single();
		try {
			this.jdbc.sql("update idn_audit_log set summary_args = '[]' where id = ?").param(victim).update();
			JsonNode broken = admin.get("/api/v1/audit/verify").json();
			assertThat(broken.path("intact").asBoolean()).isFalse();
			assertThat(broken.path("brokenAt").asLong()).isEqualTo(victim);
			assertThat(broken.path("brokenCount").asLong()).isEqualTo(1);
			assertThat(broken.path("broken").get(0).path("problem").asText()).isEqualTo("CHANGED");
		}
		finally {
			this.jdbc.sql("update idn_audit_log set summary_args = ? where id = ?").param(original).param(victim).update();
		}
		assertThat(admin.get("/api/v1/audit/verify").json().path("intact").asBoolean()).isTrue();
	}

	@Test
	void summariesAreShownInTheReadersLanguage() {
		String name = unique("lang");
		client().login(name, "Wrong@Pass1");
		String query = "/api/v1/audit?action=LOGIN_FAILED&username=" + name;
		assertThat(admin().get(query).json().path("items").get(0).path("summary").asText()).isEqualTo("用户名不存在");
		assertThat(admin().language("en").get(query).json().path("items").get(0).path("summary").asText())
			.isEqualTo("Unknown username");
		ApiClient admin = admin();
		long org = createOrganisation(admin, rootOrganisationId(admin), unique("语言"));
		String changes = "/api/v1/audit?action=ORGANISATION_CREATED&targetId=" + org;
		assertThat(admin.get(changes).json().path("items").get(0).path("summary").asText()).contains("名称: 语言");
		assertThat(admin.language("en").get(changes).json().path("items").get(0).path("summary").asText())
			.contains("name: 语言");
	}

	/**
	 * A long transaction that writes audit entries (an import of thousands of rows) holds no lock
	 * that anybody else's sign-in or change waits for: before, they all waited on the chain head
	 * and got a 500 when the lock wait timed out.
	 */
	@Test
	void aLongTransactionWritingAuditEntriesBlocksNobody() throws Exception {
		java.util.concurrent.CountDownLatch written = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		String marker = unique("long");
		Thread importer = new Thread(() -> new TransactionTemplate(this.transactions).executeWithoutResult(status -> {
			for (int i = 0; i < 200; i++) {
				this.auditLog.record("CI_IMPORTED", "Test", marker, "row " + i, true);
			}
			written.countDown();
			try {
				release.await(60, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		importer.start();
		assertThat(written.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		try {
			for (int i = 0; i < 3; i++) {
				assertThat(client().login("admin", ADMIN_PASSWORD).status()).isEqualTo(200);
			}
			ApiClient admin = admin();
			createOrganisation(admin, rootOrganisationId(admin), unique("并发"));
			assertThat(admin.get("/api/v1/audit?targetId=" + marker).json().path("total").asLong()).isZero();
			assertThat(admin.get("/api/v1/audit/verify").json().path("intact").asBoolean()).isTrue();
		}
		finally {
			release.countDown();
			importer.join(60_000);
		}
		ApiClient admin = admin();
		assertThat(admin.get("/api/v1/audit?targetId=" + marker).json().path("total").asLong()).isEqualTo(200);
		assertThat(admin.get("/api/v1/audit/verify").json().path("intact").asBoolean()).isTrue();
	}

	@Test
	void exportsAnXlsxWithLocalisedHeaders() throws IOException {
		ApiClient admin = admin();
		String name = unique("导出");
		createOrganisation(admin, rootOrganisationId(admin), name);
		Response export = admin.get("/api/v1/audit/export?action=ORGANISATION_CREATED");
		assertThat(export.status()).isEqualTo(200);
		assertThat(export.contentType()).contains("spreadsheetml");
		assertThat(export.headers().get("content-disposition").get(0)).contains(".xlsx");
		try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(export.bytes()))) {
			Sheet sheet = workbook.getSheetAt(0);
			assertThat(sheet.getRow(0).getCell(1).getStringCellValue()).isEqualTo("时间");
			boolean found = false;
			for (int i = 1; i <= sheet.getLastRowNum(); i++) {
				found |= sheet.getRow(i).getCell(8).getStringCellValue().contains(name);
				assertThat(sheet.getRow(i).getCell(5).getStringCellValue()).isEqualTo("新增机构");
			}
			assertThat(found).isTrue();
		}
		assertThat(admin.get("/api/v1/audit?action=AUDIT_EXPORTED").json().path("total").asLong()).isPositive();
	}

	@Test
	void summarisesRecentActivityPerDayAndAction() {
		ApiClient admin = admin();
		client().login(unique("stat"), "Wrong@Pass1");
		JsonNode statistics = admin.get("/api/v1/audit/statistics?days=7").json();
		assertThat(statistics.path("days")).hasSize(7);
		JsonNode today = statistics.path("days").get(6);
		assertThat(today.path("date").asText()).isEqualTo(java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).toString());
		assertThat(today.path("success").asLong()).isPositive();
		assertThat(today.path("failure").asLong()).isPositive();
		assertThat(statistics.path("topActions").findValuesAsText("action")).contains("LOGIN_SUCCEEDED");
		assertThat(statistics.path("topActions").get(0).path("label").asText()).isNotBlank();
		assertThat(admin.get("/api/v1/audit/statistics?days=0").status()).isEqualTo(400);
		assertThat(admin.get("/api/v1/audit/statistics?days=abc").status()).isEqualTo(400);
	}

	@Test
	void refusalsAreRecordedToo() {
		ApiClient admin = admin();
		String name = unique("deny");
		ApiClient user = createUserAndSignIn(admin, name, rootOrganisationId(admin), List.of());
		assertThat(user.get("/api/v1/audit").status()).isEqualTo(403);
		assertThat(user.post("/api/v1/auth/password", Map.of("currentPassword", "Not@Mine123", "newPassword", "Other@Pass1"))
			.status()).isEqualTo(400);
		JsonNode denied = admin.get("/api/v1/audit?action=ACCESS_DENIED&username=" + name).json();
		assertThat(denied.path("total").asLong()).isEqualTo(1);
		assertThat(denied.path("items").get(0).path("summary").asText()).isEqualTo("GET /api/v1/audit");
		assertThat(denied.path("items").get(0).path("outcome").asText()).isEqualTo("FAILURE");
		assertThat(admin.get("/api/v1/audit?action=PASSWORD_CHANGE_FAILED&username=" + name).json().path("total").asLong())
			.isEqualTo(1);
	}

	@Test
	void auditorsSeeOnlyTheirSubtree() {
		ApiClient admin = admin();
		long root = rootOrganisationId(admin);
		long branch = createOrganisation(admin, root, unique("分院"));
		long other = createOrganisation(admin, root, unique("他院"));
		ApiClient branchAuditor = createUserAndSignIn(admin, unique("baud"), branch, List.of(roleId(admin, "AUDITOR")));
		String otherName = unique("ouser");
		createUserAndSignIn(admin, otherName, other, List.of());
		JsonNode seen = branchAuditor.get("/api/v1/audit?size=200&username=" + otherName).json();
		assertThat(seen.path("total").asLong()).isZero();
		assertThat(admin.get("/api/v1/audit?size=200&username=" + otherName).json().path("total").asLong()).isPositive();
		assertThat(branchAuditor.get("/api/v1/audit?size=200").json().path("items").findValuesAsText("organisationId"))
			.containsOnly(String.valueOf(branch));
		assertThat(branchAuditor.post("/api/v1/organisations/" + branch + "/disable", Map.of()).status()).isEqualTo(403);
	}

}
