package io.opsguard.alerting.rule;

/** The availability conditions a rule can watch (R-MON-04/05, R-SYS-06). */
public enum CheckKind {

	/** Collections of a monitor failing (the target unreachable) for N consecutive intervals. */
	COLLECTION_FAILING("collect_success"),
	/** An unexpected process appeared (an event of the process check). */
	PROCESS_NEW(null),
	/** An SNMP trap arrived from the resource (an event). */
	TRAP(null),
	/** An HTTPS certificate expires within N days. */
	CERT_EXPIRING("tls_cert_days_left"),
	/** A file system will be full within N days at its growth rate. */
	DISK_FULL("disk_full_days"),
	/** A metric outside its baseline band (hour of the week) for the rule's duration. */
	BASELINE(null);

	private final String metric;

	CheckKind(String metric) {
		this.metric = metric;
	}

	/** The metric the check reads, or null when it reads the rule's own metric or events. */
	public String metric() {
		return this.metric;
	}

	/** Whether the check reacts to events recorded on resources rather than to metrics. */
	public boolean eventBased() {
		return this == PROCESS_NEW || this == TRAP;
	}

}
