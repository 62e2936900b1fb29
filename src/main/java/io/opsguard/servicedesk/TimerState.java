package io.opsguard.servicedesk;

/** Whether a timer counts time now. */
public enum TimerState {

	/** 计时中 */
	RUNNING,
	/** 已暂停: suspended time does not count */
	PAUSED,
	/** 已停止: the measured thing happened (or the ticket was closed) */
	STOPPED

}
