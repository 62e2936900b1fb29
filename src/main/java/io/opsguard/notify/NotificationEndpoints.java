package io.opsguard.notify;

import java.util.Collection;
import java.util.Map;

/**
 * The webhook robots and gateways administrators configured, for modules that let people pick
 * robots to tell (alerting's notification routes). Never their addresses or secrets.
 */
public interface NotificationEndpoints {

	/** The endpoints with these ids, by id; unknown ids are left out. */
	Map<Long, EndpointSummary> findAll(Collection<Long> ids);

	/** Every chat robot (not the gateways), enabled or not, by kind and name: what a route may name. */
	java.util.List<EndpointSummary> robots();

	/**
	 * An endpoint as other modules see it.
	 *
	 * @param kind GENERIC, WECOM, DINGTALK, FEISHU (robots) or SMS, VOICE (gateways)
	 * @param robot whether notices can be addressed to it ({@link Notice#endpointIds()}); gateways are
	 *        used for phone numbers instead
	 */
	record EndpointSummary(long id, String name, String kind, boolean enabled, boolean robot) {
	}

}
