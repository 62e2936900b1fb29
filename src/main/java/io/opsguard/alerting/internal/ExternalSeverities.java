package io.opsguard.alerting.internal;

import java.util.Locale;
import java.util.Map;

import io.opsguard.alerting.AlertSeverity;

/**
 * How the severities of other systems map onto OpsGuard's four (documented in
 * docs/api/alerting.md, "Receivers"):
 * <ul>
 * <li>Alertmanager, label {@code severity}: critical, page → critical; major, error, high → major;
 * warning, minor, average → minor; info, none → info; anything else or no label → major.</li>
 * <li>Zabbix: Disaster → critical; High → major; Average, Warning → minor; Information, Not
 * classified → info (also by number, 5 … 0, and by the names of Zabbix' Chinese interface).</li>
 * <li>Generic: the four names in any case, or 1 (critical) … 4 (info).</li>
 * </ul>
 * OpsGuard's own Chinese names (紧急, 重要, 次要, 提示) are understood everywhere.
 */
final class ExternalSeverities {

	private static final Map<String, AlertSeverity> ALERTMANAGER = Map.ofEntries(
			Map.entry("critical", AlertSeverity.CRITICAL), Map.entry("page", AlertSeverity.CRITICAL),
			Map.entry("major", AlertSeverity.MAJOR), Map.entry("error", AlertSeverity.MAJOR),
			Map.entry("high", AlertSeverity.MAJOR), Map.entry("warning", AlertSeverity.MINOR),
			Map.entry("minor", AlertSeverity.MINOR), Map.entry("average", AlertSeverity.MINOR),
			Map.entry("info", AlertSeverity.INFO), Map.entry("none", AlertSeverity.INFO));

	private static final Map<String, AlertSeverity> ZABBIX = Map.ofEntries(Map.entry("disaster", AlertSeverity.CRITICAL),
			Map.entry("high", AlertSeverity.MAJOR), Map.entry("average", AlertSeverity.MINOR),
			Map.entry("warning", AlertSeverity.MINOR), Map.entry("information", AlertSeverity.INFO),
			Map.entry("not classified", AlertSeverity.INFO),
			// Zabbix' Chinese interface
			Map.entry("灾难", AlertSeverity.CRITICAL), Map.entry("严重", AlertSeverity.MAJOR),
			Map.entry("一般严重", AlertSeverity.MINOR), Map.entry("警告", AlertSeverity.MINOR),
			Map.entry("信息", AlertSeverity.INFO), Map.entry("未分类", AlertSeverity.INFO));

	private static final AlertSeverity[] ZABBIX_BY_NUMBER = { AlertSeverity.INFO, AlertSeverity.INFO, AlertSeverity.MINOR,
			AlertSeverity.MINOR, AlertSeverity.MAJOR, AlertSeverity.CRITICAL };

	private ExternalSeverities() {
	}

	/** Alertmanager's {@code severity} label; null when missing or not one of the known words. */
	static AlertSeverity alertmanager(String label) {
		String text = normal(label);
		return text == null ? null : ALERTMANAGER.getOrDefault(text, own(text));
	}

	/**
	 * Zabbix' severity by number ({@code {EVENT.NSEVERITY}}, 0–5) when it is one, else by name
	 * ({@code {EVENT.SEVERITY}}); null when neither is known.
	 */
	static AlertSeverity zabbix(String number, String name) {
		String digits = normal(number);
		if (digits != null && digits.length() == 1 && digits.charAt(0) >= '0' && digits.charAt(0) <= '5') {
			return ZABBIX_BY_NUMBER[digits.charAt(0) - '0'];
		}
		String text = normal(name);
		return text == null ? null : ZABBIX.getOrDefault(text, own(text));
	}

	/** The generic API's severity: the four names in any case, 1–4 or the Chinese names; else null. */
	static AlertSeverity generic(String text) {
		String normal = normal(text);
		if (normal == null) {
			return null;
		}
		if (normal.length() == 1 && normal.charAt(0) >= '1' && normal.charAt(0) <= '4') {
			return AlertSeverity.values()[normal.charAt(0) - '1'];
		}
		AlertSeverity named = AlertSeverity.parse(normal);
		return named != null ? named : own(normal);
	}

	private static AlertSeverity own(String text) {
		for (AlertSeverity severity : AlertSeverity.values()) {
			if (severity.label(Locale.SIMPLIFIED_CHINESE).equals(text)) {
				return severity;
			}
		}
		return null;
	}

	private static String normal(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		return text.trim().toLowerCase(Locale.ROOT);
	}

}
