package io.opsguard.servicelevel;

/** The kinds of request an SLA policy sets targets for (R-DSK-02). */
public enum TicketType {

	/** 故障 */
	INCIDENT,
	/** 服务请求 */
	SERVICE_REQUEST,
	/** 咨询 */
	CONSULTATION,
	/** 投诉 */
	COMPLAINT,
	/** 需求 (R-DSK-13): a policy without targets of its own for it gives it the general targets */
	REQUIREMENT

}
