package io.opsguard.servicedesk;

/**
 * Where a ticket stands (R-DSK-03). Which states a ticket of a type passes through, and which
 * action leads from one to the next, is declared once, in the service desk's lifecycle.
 */
public enum TicketState {

	/** 待受理: recorded, nobody has taken it yet */
	REPORTED,
	/** 已受理 */
	ACCEPTED,
	/** 已响应: the requester has been answered */
	RESPONDED,
	/** 已升级: a complaint raised to higher management */
	ESCALATED,
	/** 已分派 */
	DISPATCHED,
	/** 处理中 */
	IN_PROGRESS,
	/** 挂起: waiting for the requester or a vendor; the resolution clock stops */
	SUSPENDED,
	/** 二线支持中: escalated to the second line, who hands it back */
	SECOND_LINE,
	/** 已解决 */
	RESOLVED,
	/** 已反馈 */
	FEEDBACK_GIVEN,
	/** 已评价 */
	RATED,
	/** 已关闭 */
	CLOSED;

	/** Whether the work on the ticket is done (resolved or later). */
	public boolean done() {
		return this == RESOLVED || this == FEEDBACK_GIVEN || this == RATED || this == CLOSED;
	}

}
