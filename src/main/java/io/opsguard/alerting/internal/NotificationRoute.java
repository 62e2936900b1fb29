package io.opsguard.alerting.internal;

import java.time.Instant;
import java.util.List;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.notify.Channel;

/**
 * A notification route: which alerts it takes (every matcher that is set must hold; none set:
 * every alert), whom it tells through which channels, and how it groups, caps, repeats and
 * escalates. Routes are tried in {@code position} order; the first that matches takes the alert
 * unless it lets matching continue.
 *
 * @param severities the severities it takes; empty: all
 * @param organisationId alerts of this organisation and those below it
 * @param classCode alerts of resources of this CMDB class or a class below it
 * @param tag alerts of resources carrying this tag
 * @param businessSystemId alerts of this business system's resources
 * @param groupWaitSeconds alerts within this long after a message wait and go out together
 * @param repeatMinutes a critical alert nobody acknowledged is told again this often; 0: never
 * @param escalateAfterMinutes an alert nobody acknowledged this long is told to the escalation
 *        recipients; 0: never
 * @param capCount at most this many messages per rule and resource per {@code capPeriodMinutes};
 *        0: no cap
 */
public record NotificationRoute(long id, String name, int position, boolean enabled, List<AlertSeverity> severities,
		Long organisationId, String classCode, String tag, Long businessSystemId, List<Long> userIds, List<Long> groupIds,
		List<Long> endpointIds, List<Channel> channels, int groupWaitSeconds, int repeatMinutes, int escalateAfterMinutes,
		List<Long> escalateUserIds, List<Long> escalateGroupIds, boolean escalateVoice, int capCount,
		int capPeriodMinutes, boolean notifyResolved, boolean openIncident, boolean continueMatching, Long createdBy,
		Instant createdAt, Instant updatedAt, int version) {

	public NotificationRoute {
		severities = List.copyOf(severities);
		userIds = List.copyOf(userIds);
		groupIds = List.copyOf(groupIds);
		endpointIds = List.copyOf(endpointIds);
		channels = List.copyOf(channels);
		escalateUserIds = List.copyOf(escalateUserIds);
		escalateGroupIds = List.copyOf(escalateGroupIds);
	}

	/** The channels people are told through (all but the robots). */
	List<Channel> personalChannels() {
		return this.channels.stream().filter(Channel.PERSONAL::contains).toList();
	}

	boolean escalates() {
		return this.escalateAfterMinutes > 0;
	}

}
