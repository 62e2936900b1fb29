package io.opsguard.servicedesk;

/** How a ticket reached the service desk (R-DSK-01). */
public enum TicketChannel {

	/** 热线电话 */
	HOTLINE,
	/** 自助门户 */
	PORTAL,
	/** 电子邮件 */
	EMAIL,
	/** 即时通讯 */
	IM,
	/** 现场 */
	ONSITE,
	/** 监控告警 */
	MONITORING,
	/** 接口 (other systems, with an API token) */
	API;

	/** Submitted online: answered within 24 hours (R-DSK-07). */
	public boolean online() {
		return this == PORTAL || this == EMAIL;
	}

}
