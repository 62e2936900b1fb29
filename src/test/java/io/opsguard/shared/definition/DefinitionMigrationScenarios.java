package io.opsguard.shared.definition;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.support.MutableClock;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calendars and SLA policies written before the kernel (schema 4.1) survive migration V5_30: every
 * row and version is kept, the lock starts at the version number, year lists in notes become list
 * arguments, and the kernel reads them. On H2 ({@link DefinitionMigrationH2IT}) and PostgreSQL
 * ({@link DefinitionMigrationPostgresIT}).
 */
abstract class DefinitionMigrationScenarios {

	abstract DataSource dataSource();

	abstract String vendor();

	private Flyway flyway(String target) {
		return Flyway.configure()
			.dataSource(dataSource())
			.locations("classpath:db/migration", "classpath:db/vendor/" + vendor())
			.target(target)
			.load();
	}

	@Test
	void calendarsAndPoliciesOfSchema41AreKeptAndReadByTheKernel() {
		flyway("4.1").migrate();
		JdbcClient jdbc = JdbcClient.create(dataSource());
		String at = "2025-12-01 08:00:00+00";
		jdbc.sql("insert into cal_calendar (id, code, name_zh, name_en, organisation_id, built_in, based_on, current_version,"
				+ " created_at, updated_at) values (501, 'duty', '值班', 'Duty', 3, false, '5x8', 2, timestamp with time zone '" + at
				+ "', timestamp with time zone '" + at + "')").update();
		for (int version = 1; version <= 2; version++) {
			jdbc.sql("insert into cal_calendar_version (calendar_id, version, definition, special_days, note, created_at, created_by)"
					+ " values (501, :v, :definition, :days, :note, timestamp with time zone '" + at + "', 9)")
				.param("v", version)
				.param("definition", "{\"zone\":\"Asia/Shanghai\",\"week\":{\"MONDAY\":[{\"start\":\"08:00\",\"end\":\"17:00\"}]},"
						+ "\"makeUpDay\":[],\"followsOfficialHolidays\":true,\"holidays\":[],\"workdays\":[]}")
				.param("days", "[{\"date\":\"2026-01-01\",\"kind\":\"HOLIDAY\",\"name\":\"元旦\"}]")
				.param("note", version == 1 ? "@copied|5x8" : "@builtInSchedule|2025、2026")
				.update();
		}
		jdbc.sql("insert into sl_sla_policy (id, code, name_zh, name_en, kind, organisation_id, built_in, based_on,"
				+ " current_version, created_at, updated_at) values (601, 'OUR-SLA', '本院合同', 'Our contract', 'CUSTOM', 3, false,"
				+ " 'HN-CONTRACT', 1, timestamp with time zone '" + at + "', timestamp with time zone '" + at + "')").update();
		jdbc.sql("insert into sl_sla_policy_version (policy_id, version, definition, note, created_at, created_by) values"
				+ " (601, 1, '{\"calendar\":\"duty\",\"targets\":[]}', '本院修订', timestamp with time zone '" + at + "', 9)").update();

		flyway("latest").migrate();

		assertThat(jdbc.sql("select version from cal_calendar where id = 501").query(Integer.class).single()).isEqualTo(2);
		assertThat(jdbc.sql("select version from sl_sla_policy where id = 601").query(Integer.class).single()).isEqualTo(1);
		assertThat(jdbc.sql("select note from cal_calendar_version where definition_id = 501 and version = 2")
			.query(String.class).single()).isEqualTo("@builtInSchedule|2025\u001F2026");
		assertThat(jdbc.sql("select derived from sl_sla_policy_version where definition_id = 601").query(String.class).optional())
			.isEmpty();

		VersionedDefinitions<JsonNode> calendars = kernel(jdbc, "cal_calendar");
		DefinitionState<JsonNode> duty = calendars.current("duty").orElseThrow();
		assertThat(duty.row()).extracting(DefinitionRow::nameZh, DefinitionRow::organisationId, DefinitionRow::basedOn,
				DefinitionRow::currentVersion, DefinitionRow::version).containsExactly("值班", 3L, "5x8", 2, 2);
		assertThat(duty.content().path("week").path("MONDAY").get(0).path("end").asText()).isEqualTo("17:00");
		assertThat(duty.version().derived().get(0).path("name").asText()).isEqualTo("元旦");
		assertThat(calendars.at("duty", 1).orElseThrow().version().note()).isEqualTo("@copied|5x8");

		DefinitionState<JsonNode> policy = kernel(jdbc, "sl_sla_policy").current("OUR-SLA").orElseThrow();
		assertThat(policy.content().path("calendar").asText()).isEqualTo("duty");
		assertThat(policy.version().note()).isEqualTo("本院修订");
		assertThat(policy.version().derived()).isNull();
	}

	/** The kernel over a module's tables, reading contents as plain JSON. */
	private static VersionedDefinitions<JsonNode> kernel(JdbcClient jdbc, String table) {
		DefinitionType<JsonNode> type = new DefinitionType<>() {

			@Override
			public String table() {
				return table;
			}

			@Override
			public Class<JsonNode> contentType() {
				return JsonNode.class;
			}

			@Override
			public String auditTarget() {
				return "TEST";
			}

			@Override
			public DefinitionErrors errors() {
				Widgets.WidgetError e = Widgets.WidgetError.UNKNOWN;
				return new DefinitionErrors(e, e, e, e, e, e, e, e, e);
			}

			@Override
			public JsonNode validate(JsonNode content) {
				return content;
			}

			@Override
			public JsonNode blank() {
				return new ObjectMapper().valueToTree(Map.of());
			}

			@Override
			public List<Preset<JsonNode>> presets() {
				return List.of();
			}

		};
		return new DefinitionKernel(jdbc, new ObjectMapper().findAndRegisterModules(), new MutableClock(Instant.now())).of(type,
				(action, targetType, targetId, before, after) -> {
				}, id -> true);
	}

}
