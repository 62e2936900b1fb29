package io.opsguard.alerting.internal;

/**
 * What the lifecycle tells the notification routes, inside the transaction of the change: an alert
 * to be told about (fired, or no longer kept quiet), resolved, flapping, or acknowledged (which
 * stops its repeats and escalations).
 */
interface AlertNotifier {

	void fired(AlertRow alert);

	void resolved(AlertRow alert);

	void flapping(AlertRow alert);

	/**
	 * A resolved alert fired again (within the flap window): the notice of its resolution, when
	 * not sent yet, is withdrawn; answers whether one was withdrawn (then the alert was never told
	 * as resolved, and nothing new needs telling).
	 */
	boolean reopened(AlertRow alert);

	void acknowledged(AlertRow alert);

}
