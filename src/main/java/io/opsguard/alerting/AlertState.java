package io.opsguard.alerting;

/** Where an alert is in its life: firing → acknowledged → resolved. */
public enum AlertState {

	/** 告警中: the condition holds and nobody has taken it on. */
	FIRING,
	/** 已确认: somebody has taken it on; the condition may still hold. */
	ACKNOWLEDGED,
	/** 已恢复: the condition cleared (or the source resolved it), or somebody closed it with a reason. */
	RESOLVED;

	public boolean open() {
		return this != RESOLVED;
	}

}
