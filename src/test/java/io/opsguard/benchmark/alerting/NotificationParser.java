package io.opsguard.benchmark.alerting;

import java.util.List;

/**
 * Reads one notification body a product posted to the {@link NotificationSink} into the alerts it
 * lists (a grouped message lists several). Throws on a body it cannot read. One per product:
 * {@link AlertmanagerWebhookParser} for Alertmanager's webhook; OpsGuard's comes with its
 * {@link AlertingUnderTest}.
 */
@FunctionalInterface
public interface NotificationParser {

	List<NotifiedAlert> parse(String body);

}
