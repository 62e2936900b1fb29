package io.opsguard.monitoring.template;

/** How serious a threshold's breach is (紧急 / 重要 / 次要 / 提示). */
public enum Severity {

	CRITICAL, MAJOR, MINOR, INFO

}
