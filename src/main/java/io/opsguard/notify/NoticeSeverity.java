package io.opsguard.notify;

/** How urgent a notice is: shown in the inbox and sent to generic webhooks. */
public enum NoticeSeverity {

	INFO, WARNING, CRITICAL

}
