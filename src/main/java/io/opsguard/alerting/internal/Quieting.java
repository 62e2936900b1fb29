package io.opsguard.alerting.internal;

import java.time.Instant;

/**
 * Decides whether an alert is kept from notifications: a silence or maintenance window covering
 * it, or a parent it depends on being down (then it is "caused by" the parent).
 */
interface Quieting {

	/** Why an alert is quiet; every field null when it is not. */
	record Verdict(Long silenceId, Long maintenanceId, Long suppressedBy, Long suppressedByCi) {

		static final Verdict LOUD = new Verdict(null, null, null, null);

		boolean quiet() {
			return this.silenceId != null || this.maintenanceId != null || this.suppressedBy != null
					|| this.suppressedByCi != null;
		}

	}

	Verdict judge(AlertRow alert, Instant now);

}
