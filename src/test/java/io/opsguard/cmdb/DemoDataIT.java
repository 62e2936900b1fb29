package io.opsguard.cmdb;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import io.opsguard.support.ApiClient;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --opsguard.demo=true}: a provincial procuratorate with its 17 business systems and their platform. */
class DemoDataIT extends CmdbTestSupport {

	private static final Path OWN_DATA_DIR = newDataDir();

	@DynamicPropertySource
	static void demo(DynamicPropertyRegistry registry) {
		registry.add("opsguard.demo", () -> "true");
		registry.add("opsguard.data-dir", OWN_DATA_DIR::toString);
		registry.add("spring.datasource.url", () -> "jdbc:h2:file:" + OWN_DATA_DIR.resolve("opsguard")
				+ ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
	}

	@Autowired
	ApplicationContext context;

	@Test
	void theSeventeenBusinessSystemsOfTheContractRunOnARealisticPlatform() throws Exception {
		ApiClient admin = admin();
		JsonNode systems = admin.get("/api/v1/cmdb/business-systems?size=50").json();
		assertThat(systems.path("total").asLong()).isEqualTo(17);
		List<String> names = new ArrayList<>();
		systems.path("items").forEach(s -> names.add(s.path("name").asText()));
		assertThat(names).contains("统一业务应用软件", "案件信息公开系统", "网上信访系统", "AJ1203 统计系统", "数据交换平台", "案件管理系统",
				"工作日志管理系统", "案件信息公开系统（微信版）");
		JsonNode exchange = admin.get("/api/v1/cmdb/business-systems?q=数据交换平台").json().path("items").get(0);
		assertThat(exchange.path("applicationSupport").asBoolean()).isTrue();
		assertThat(exchange.path("categoryLabel").asText()).isEqualTo("上级研发");

		long server = admin.get("/api/v1/cmdb/cis?q=prov-srv01").json().path("items").get(0).path("id").asLong();
		JsonNode impact = admin.get("/api/v1/cmdb/cis/" + server + "/impact").json();
		List<String> affected = new ArrayList<>();
		impact.path("businessSystems").forEach(s -> affected.add(s.path("name").asText()));
		assertThat(affected).as("the Oracle node on server 01 carries the supreme-court systems")
			.contains("统一业务应用软件", "AJ1203 统计系统", "电子卷宗应用系统");
		assertThat(admin.get("/api/v1/cmdb/cis?q=达梦").json().path("total").asLong()).isGreaterThanOrEqualTo(2);
		assertThat(admin.get("/api/v1/organisations/tree").json().toString()).contains("长沙市人民检察院");

		// the demo load is done by the first-start administrator, and both records say so
		JsonNode created = admin.get("/api/v1/audit?action=CI_CREATED&size=5").json().path("items");
		assertThat(created).isNotEmpty();
		created.forEach(entry -> assertThat(entry.path("username").asText()).as(entry.toString()).isEqualTo("admin"));
		JsonNode relations = admin.get("/api/v1/audit?action=CI_RELATION_ADDED&size=5").json().path("items");
		relations.forEach(entry -> assertThat(entry.path("username").asText()).isEqualTo("admin"));
		assertThat(admin.get("/api/v1/cmdb/cis/" + server + "/history").json().findValuesAsText("username")).containsOnly("admin");

		// loading again changes nothing
		long before = admin.get("/api/v1/cmdb/cis?size=1").json().path("total").asLong();
		Object loader = this.context.getBean(Class.forName("io.opsguard.cmdb.internal.CmdbDemoData"));
		var load = loader.getClass().getMethod("load");
		load.setAccessible(true);
		load.invoke(loader);
		assertThat(admin.get("/api/v1/cmdb/cis?size=1").json().path("total").asLong()).isEqualTo(before);
	}

}
