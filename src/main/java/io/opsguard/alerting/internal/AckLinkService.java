package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.AlertState;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.Users;
import io.opsguard.shared.OpsGuardException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The public side of the acknowledge links in messages: what a link is about (reading changes
 * nothing — mail scanners open links), and acknowledging as the person the message was for.
 * Requests per client address are limited, like the portal's token pages.
 */
@Service
public class AckLinkService {

	/** Requests to the link pages per client address and minute. */
	static final int REQUESTS_PER_MINUTE = 30;

	private final AckLinks links;

	private final AlertStore alerts;

	private final AlertLifecycle lifecycle;

	private final Users users;

	private final ConfigurationItems cis;

	private final Clock clock;

	private final Map<String, long[]> counts = new ConcurrentHashMap<>();

	AckLinkService(AckLinks links, AlertStore alerts, AlertLifecycle lifecycle, Users users, ConfigurationItems cis,
			Clock clock) {
		this.links = links;
		this.alerts = alerts;
		this.lifecycle = lifecycle;
		this.users = users;
		this.cis = cis;
		this.clock = clock;
	}

	/**
	 * What a link shows: the alert (title, severity, state, resource, since when, who acknowledged
	 * it), for whom the link is ({@code signInRequired} when it came through a robot) and until when
	 * it works; {@code acknowledged} tells whether this request acknowledged it.
	 */
	public record LinkView(long alertId, String title, AlertSeverity severity, AlertState state, String resource,
			Instant startedAt, Instant acknowledgedAt, String acknowledgedByName, Instant resolvedAt, String recipientName,
			boolean signInRequired, Instant expiresAt, boolean acknowledged) {
	}

	@Transactional(readOnly = true)
	public LinkView view(String token, String clientAddress) {
		limit(clientAddress);
		AckLinks.Link link = this.links.verify(token);
		return view(link, alert(link), false);
	}

	/**
	 * Acknowledges the link's alert as the link's user; answers the alert as it is then (an alert
	 * acknowledged or resolved before is left as it is).
	 */
	@Transactional
	public LinkView acknowledge(String token, String clientAddress) {
		limit(clientAddress);
		AckLinks.Link link = this.links.verify(token);
		AlertRow alert = alert(link);
		if (link.userId() == null) {
			throw new OpsGuardException(AlertingError.ACK_LINK_NEEDS_SIGN_IN);
		}
		Users.UserSummary user = this.users.find(link.userId())
			.filter(Users.UserSummary::enabled)
			.orElseThrow(() -> new OpsGuardException(AlertingError.ACK_LINK_USER_DISABLED));
		boolean acknowledged = alert.state() == AlertState.FIRING
				&& this.lifecycle.acknowledgeAs(alert.id(), user.id(), null);
		if (acknowledged) {
			this.alerts.event(alert.id(), this.clock.instant(), "ACK_BY_LINK", user.id(), null);
		}
		return view(link, this.alerts.find(alert.id()).orElseThrow(), acknowledged);
	}

	private AlertRow alert(AckLinks.Link link) {
		return this.alerts.find(link.alertId()).orElseThrow(() -> new OpsGuardException(AlertingError.UNKNOWN_ACK_LINK));
	}

	private LinkView view(AckLinks.Link link, AlertRow alert, boolean acknowledged) {
		java.util.Set<Long> people = new java.util.HashSet<>();
		if (link.userId() != null) {
			people.add(link.userId());
		}
		if (alert.acknowledgedBy() != null) {
			people.add(alert.acknowledgedBy());
		}
		Map<Long, String> names = people.isEmpty() ? Map.of() : this.users.displayNames(people);
		String resource = alert.ciId() == null ? null
				: this.cis.names(java.util.List.of(alert.ciId())).get(alert.ciId());
		return new LinkView(alert.id(), alert.title(), alert.severity(), alert.state(), resource, alert.startedAt(),
				alert.acknowledgedAt(), alert.acknowledgedBy() == null ? null : names.get(alert.acknowledgedBy()),
				alert.resolvedAt(), link.userId() == null ? null : names.get(link.userId()), link.userId() == null,
				link.expiresAt(), acknowledged);
	}

	/** Counts a request from the address; 429 when it is one too many this minute. */
	private void limit(String address) {
		long minute = this.clock.millis() / 60_000;
		if (this.counts.size() > 10_000) {
			this.counts.entrySet().removeIf(e -> e.getValue()[0] != minute);
		}
		long[] count = this.counts.compute(address == null ? "" : address, (k, value) -> {
			if (value == null || value[0] != minute) {
				return new long[] { minute, 1 };
			}
			value[1]++;
			return value;
		});
		if (count[1] > REQUESTS_PER_MINUTE) {
			throw new OpsGuardException(AlertingError.TOO_MANY_REQUESTS);
		}
	}

}
