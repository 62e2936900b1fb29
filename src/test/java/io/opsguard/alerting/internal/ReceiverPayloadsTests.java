package io.opsguard.alerting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.opsguard.alerting.AlertSeverity;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Reading the receivers' payloads, and refusing bad ones whole with every bad field named. */
class ReceiverPayloadsTests {

	private final ReceiverPayloads payloads = new ReceiverPayloads(new ObjectMapper());

	@Test
	void readsAnAlertmanagerWebhookOfVersion4() throws IOException {
		List<ExternalAlert> alerts = this.payloads.alertmanager(resource("/alerting/alertmanager-v4.json"));

		assertThat(alerts).hasSize(2);
		ExternalAlert cpu = alerts.get(0);
		assertThat(cpu.key()).isEqualTo("7f3c2a1b9d8e6f50");
		assertThat(cpu.resolved()).isFalse();
		assertThat(cpu.severity()).isEqualTo(AlertSeverity.CRITICAL);
		assertThat(cpu.severityKnown()).isTrue();
		assertThat(cpu.title()).isEqualTo("Host high CPU load (instance 10.20.30.40:9100)");
		assertThat(cpu.summary()).startsWith("CPU load is > 80%");
		assertThat(cpu.hosts()).containsExactly("10.20.30.40");
		assertThat(cpu.labels()).containsEntry("job", "node").containsEntry("alertname", "HostHighCpuLoad");
		assertThat(cpu.startsAt()).isEqualTo(Instant.parse("2026-12-07T01:30:00.123456789Z"));
		assertThat(cpu.endsAt()).as("Alertmanager's zero time is no time").isNull();
		ExternalAlert disk = alerts.get(1);
		assertThat(disk.resolved()).isTrue();
		assertThat(disk.severity()).isEqualTo(AlertSeverity.MINOR);
		assertThat(disk.hosts()).containsExactly("web-01");
		assertThat(disk.endsAt()).isEqualTo(Instant.parse("2026-12-07T01:30:00Z"));
	}

	@Test
	void anAlertmanagerAlertWithoutFingerprintIsKeyedByItsSortedLabels() {
		List<ExternalAlert> alerts = this.payloads.alertmanager(json("""
				{"version": "4", "alerts": [{"status": "firing", "labels": {"b": "2", "alertname": "X", "severity": "loud"}}]}
				"""));

		assertThat(alerts.get(0).key()).isEqualTo("{alertname=\"X\",b=\"2\",severity=\"loud\"}");
		assertThat(alerts.get(0).severity()).as("unknown severities are major").isEqualTo(AlertSeverity.MAJOR);
		assertThat(alerts.get(0).severityKnown()).isFalse();
		assertThat(alerts.get(0).title()).isEqualTo("X");
		assertThat(alerts.get(0).hosts()).isEmpty();
	}

	@Test
	void aBadAlertmanagerPayloadNamesEveryBadField() {
		OpsGuardException refused = refused(() -> this.payloads.alertmanager(json("""
				{"version": "3", "alerts": [
				  {"status": "firing", "labels": {"alertname": "ok"}},
				  {"status": "burning", "labels": {"a": {"nested": 1}}, "startsAt": "yesterday"},
				  "not an alert"
				]}
				""")));

		assertThat(refused.errorCode()).isEqualTo(AlertingError.RECEIVED_INVALID);
		assertThat(refused.fieldProblems()).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("version", "alerts[1].status", "alerts[1].labels", "alerts[1].startsAt",
					"alerts[2]");
	}

	@Test
	void refusesWhatIsNoPayloadAtAll() {
		assertThat(refused(() -> this.payloads.alertmanager("{\"version\": \"4\", ".getBytes(StandardCharsets.UTF_8)))
			.errorCode()).isEqualTo(AlertingError.RECEIVED_BAD_JSON);
		assertThat(refused(() -> this.payloads.generic("{} {}".getBytes(StandardCharsets.UTF_8))).errorCode())
			.as("trailing garbage").isEqualTo(AlertingError.RECEIVED_BAD_JSON);
		assertThat(refused(() -> this.payloads.generic(new byte[0])).errorCode()).isEqualTo(AlertingError.RECEIVED_NO_ALERTS);
		assertThat(refused(() -> this.payloads.generic(json("[1, 2]"))).errorCode())
			.isEqualTo(AlertingError.RECEIVED_NOT_OBJECT);
		assertThat(refused(() -> this.payloads.generic(json("{\"alerts\": []}"))).errorCode())
			.isEqualTo(AlertingError.RECEIVED_NO_ALERTS);
		assertThat(refused(() -> this.payloads.generic(json("{\"alerts\": {}}"))).errorCode())
			.isEqualTo(AlertingError.RECEIVED_NOT_ARRAY);
		assertThat(refused(() -> this.payloads.alertmanager(json("{\"version\": \"4\"}"))).errorCode())
			.isEqualTo(AlertingError.RECEIVED_FIELD_REQUIRED);
		StringBuilder many = new StringBuilder("{\"alerts\": [");
		for (int i = 0; i <= ReceiverPayloads.MAX_ALERTS; i++) {
			many.append(i == 0 ? "" : ",").append("{\"key\": \"k").append(i).append("\", \"status\": \"resolved\"}");
		}
		assertThat(refused(() -> this.payloads.generic(json(many + "]}"))).errorCode())
			.isEqualTo(AlertingError.RECEIVED_TOO_MANY);
	}

	@Test
	void readsTheZabbixMediaTypesProblemAndRecovery() {
		List<ExternalAlert> problem = this.payloads.zabbix(json("""
				{"eventId": "4711", "value": "1", "status": "PROBLEM", "name": "High CPU utilization", "severity": "High",
				 "nseverity": "4", "host": "db-01", "hostName": "Database 01", "hostIp": "10.1.2.3",
				 "tags": [{"tag": "scope", "value": "performance"}, {"tag": "component", "value": "cpu"}],
				 "date": "2026.12.07", "time": "09:30:00", "recoveryDate": "{EVENT.RECOVERY.DATE}",
				 "recoveryTime": "{EVENT.RECOVERY.TIME}", "lastValue": "93.52 %", "description": "CPU over 90 %"}
				"""));
		ExternalAlert fired = problem.get(0);
		assertThat(fired.key()).isEqualTo("4711");
		assertThat(fired.resolved()).isFalse();
		assertThat(fired.severity()).isEqualTo(AlertSeverity.MAJOR);
		assertThat(fired.title()).isEqualTo("High CPU utilization");
		assertThat(fired.summary()).isEqualTo("CPU over 90 %");
		assertThat(fired.hosts()).containsExactly("10.1.2.3", "db-01", "Database 01");
		assertThat(fired.labels()).containsEntry("scope", "performance").containsEntry("component", "cpu")
			.containsEntry("host", "db-01").containsEntry("ip", "10.1.2.3");
		assertThat(fired.startsAt()).as("Beijing time by default").isEqualTo(Instant.parse("2026-12-07T01:30:00Z"));
		assertThat(fired.endsAt()).as("unresolved macros are no value").isNull();
		assertThat(fired.value()).isEqualTo(93.52);

		List<ExternalAlert> recovery = this.payloads.zabbix(json("""
				{"eventId": "4711", "recoveryEventId": "4790", "value": "0", "status": "RESOLVED", "name": "High CPU utilization",
				 "severity": "High", "host": "db-01", "date": "2026.12.07", "time": "09:30:00", "recoveryDate": "2026.12.07",
				 "recoveryTime": "09:41:10", "timezone": "UTC", "tags": "{EVENT.TAGSJSON}"}
				"""));
		assertThat(recovery.get(0).resolved()).isTrue();
		assertThat(recovery.get(0).key()).isEqualTo("4711");
		assertThat(recovery.get(0).endsAt()).isEqualTo(Instant.parse("2026-12-07T09:41:10Z"));
	}

	@Test
	void aBadZabbixPayloadNamesEveryBadField() {
		OpsGuardException refused = refused(() -> this.payloads.zabbix(json("""
				{"status": "MAYBE", "date": "07/12/2026", "time": "09:30", "timezone": "Mars/Olympus", "tags": 5}
				""")));

		assertThat(refused.fieldProblems()).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("eventId", "status", "date", "timezone", "tags");
		assertThat(refused(() -> this.payloads.zabbix(json("{\"eventId\": 1, \"value\": 1}"))).fieldProblems())
			.extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("name", "severity");
	}

	@Test
	void readsOneGenericAlertOrMany() {
		ExternalAlert one = this.payloads.generic(json("""
				{"key": "job-17", "status": "FIRING", "severity": "2", "title": "Backup failed", "host": "backup-01",
				 "labels": {"job": "nightly", "attempt": 3}, "startsAt": "2026-12-07T02:00:00Z", "value": "1"}
				""")).get(0);
		assertThat(one.severity()).isEqualTo(AlertSeverity.MAJOR);
		assertThat(one.labels()).containsEntry("attempt", "3");
		assertThat(one.value()).isEqualTo(1.0);

		List<ExternalAlert> many = this.payloads.generic(json("""
				{"alerts": [
				  {"key": "a", "status": "firing", "severity": "Critical", "title": "A"},
				  {"key": "b", "status": "firing", "severity": "info", "title": "B"},
				  {"key": "c", "status": "resolved"}
				]}
				"""));
		assertThat(many).extracting(ExternalAlert::severity)
			.containsExactly(AlertSeverity.CRITICAL, AlertSeverity.INFO, AlertSeverity.MAJOR);
		assertThat(many).extracting(ExternalAlert::index).containsExactly(0, 1, 2);
	}

	@Test
	void aBadGenericAlertIsRefusedWithTheRestOfItsBatch() {
		OpsGuardException refused = refused(() -> this.payloads.generic(json("""
				{"alerts": [
				  {"key": "fine", "status": "firing", "severity": "minor", "title": "ok"},
				  {"status": "firing", "severity": "urgent", "value": "lots", "labels": ["x"]},
				  {"key": "%s", "status": "resolved", "endsAt": "2026-13-45T00:00:00Z", "value": {"n": 1}}
				]}
				""".formatted("k".repeat(ReceiverPayloads.MAX_KEY + 1)))));

		assertThat(refused.errorCode()).isEqualTo(AlertingError.RECEIVED_INVALID);
		assertThat(refused.fieldProblems()).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("alerts[1].key", "alerts[1].title", "alerts[1].severity", "alerts[1].value",
					"alerts[1].labels", "alerts[2].key", "alerts[2].endsAt", "alerts[2].value");
	}

	@Test
	void hostsLoseTheirPortsAndSchemes() {
		assertThat(ReceiverPayloads.withoutPort("10.0.0.5:9100")).isEqualTo("10.0.0.5");
		assertThat(ReceiverPayloads.withoutPort("[2001:db8::1]:9100")).isEqualTo("2001:db8::1");
		assertThat(ReceiverPayloads.withoutPort("2001:db8::1")).isEqualTo("2001:db8::1");
		assertThat(ReceiverPayloads.withoutPort("https://portal.example.gov.cn:8443/health")).isEqualTo("portal.example.gov.cn");
		assertThat(ReceiverPayloads.withoutPort("web-01")).isEqualTo("web-01");
		assertThat(ReceiverPayloads.number("93.5 %")).isEqualTo(93.5);
		assertThat(ReceiverPayloads.number("Up (1)")).isNull();
	}

	private static OpsGuardException refused(Runnable read) {
		OpsGuardException refused = catchThrowableOfType(OpsGuardException.class, read::run);
		assertThat(refused).as("refused").isNotNull();
		return refused;
	}

	private static byte[] json(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] resource(String path) throws IOException {
		try (InputStream in = ReceiverPayloadsTests.class.getResourceAsStream(path)) {
			return in.readAllBytes();
		}
	}

}
