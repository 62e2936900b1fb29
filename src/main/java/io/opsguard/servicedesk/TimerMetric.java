package io.opsguard.servicedesk;

/** What a ticket's timer measures (R-DSK-04, R-DSK-06, R-DSK-07, R-SLA-02). */
public enum TimerMetric {

	/** 响应: from the report until someone answers the requester */
	RESPONSE,
	/** 派单: from the report until an engineer is dispatched (incidents 30 min, complaints 15 min) */
	DISPATCH,
	/** 到场: until an engineer is on site, where the policy requires it */
	ONSITE,
	/** 解决: from the report until it is resolved; suspended time does not count */
	RESOLUTION,
	/** 进展反馈: restarts each time the requester is told how things stand */
	PROGRESS_UPDATE,
	/** 首次反馈: tickets submitted online are answered within 24 hours */
	FIRST_FEEDBACK,
	/** 组内时限 (OLA): one per assignment group, from the moment the group receives the ticket */
	GROUP

}
