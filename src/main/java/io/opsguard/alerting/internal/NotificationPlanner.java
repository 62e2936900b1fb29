package io.opsguard.alerting.internal;

import org.springframework.stereotype.Component;

/** The notification routes' side of the lifecycle (being built: routes, grouping, repeats, escalation). */
@Component
class NotificationPlanner implements AlertNotifier {

	@Override
	public void fired(AlertRow alert) {
	}

	@Override
	public void resolved(AlertRow alert) {
	}

	@Override
	public void flapping(AlertRow alert) {
	}

	@Override
	public boolean reopened(AlertRow alert) {
		return false;
	}

	@Override
	public void acknowledged(AlertRow alert) {
	}

}
