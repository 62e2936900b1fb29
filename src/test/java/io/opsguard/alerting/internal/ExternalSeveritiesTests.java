package io.opsguard.alerting.internal;

import io.opsguard.alerting.AlertSeverity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The severity tables of docs/api/alerting.md, "Receivers". */
class ExternalSeveritiesTests {

	@ParameterizedTest
	@CsvSource(nullValues = "NULL", value = { "critical, CRITICAL", "Page, CRITICAL", "major, MAJOR", "ERROR, MAJOR",
			"high, MAJOR", "warning, MINOR", "minor, MINOR", "average, MINOR", "info, INFO", "none, INFO", "紧急, CRITICAL",
			"loud, NULL", "'', NULL", "NULL, NULL" })
	void alertmanager(String label, AlertSeverity expected) {
		assertThat(ExternalSeverities.alertmanager(label)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "NULL", value = { "5, Whatever, CRITICAL", "4, NULL, MAJOR", "3, NULL, MINOR", "2, NULL, MINOR",
			"1, NULL, INFO", "0, NULL, INFO", "NULL, Disaster, CRITICAL", "NULL, High, MAJOR", "NULL, Average, MINOR",
			"NULL, Warning, MINOR", "NULL, Information, INFO", "NULL, Not classified, INFO", "NULL, 灾难, CRITICAL",
			"NULL, 一般严重, MINOR", "{EVENT.NSEVERITY}, high, MAJOR", "9, Custom, NULL", "NULL, NULL, NULL" })
	void zabbix(String number, String name, AlertSeverity expected) {
		assertThat(ExternalSeverities.zabbix(number, name)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "NULL", value = { "critical, CRITICAL", "MAJOR, MAJOR", "Minor, MINOR", "info, INFO",
			"1, CRITICAL", "2, MAJOR", "3, MINOR", "4, INFO", "提示, INFO", "0, NULL", "5, NULL", "warning, NULL",
			"NULL, NULL" })
	void generic(String text, AlertSeverity expected) {
		assertThat(ExternalSeverities.generic(text)).isEqualTo(expected);
	}

}
