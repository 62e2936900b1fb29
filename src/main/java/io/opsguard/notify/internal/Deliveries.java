package io.opsguard.notify.internal;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.notify.Channel;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The delivery log: every message of the outbox with its status and reason, for administrators of
 * the organisations it concerns (分级分域: a message about nobody's organisation only for those who
 * see everything), and "retry now".
 */
@Service
public class Deliveries {

	private final OutboxStore outbox;

	private final AuditTrail audit;

	private final Clock clock;

	private final Organisations organisations;

	Deliveries(OutboxStore outbox, AuditTrail audit, Clock clock, Organisations organisations) {
		this.outbox = outbox;
		this.audit = audit;
		this.clock = clock;
		this.organisations = organisations;
	}

	@Transactional(readOnly = true)
	public PageResult<OutboxMessage> page(CurrentUser user, Filter filter, PageQuery paging) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		conditions.add(scope(user, seesUnscoped(user)));
		if (filter.status() != null) {
			conditions.add("o.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.channel() != null) {
			conditions.add("o.channel = :channel");
			params.put("channel", filter.channel().name());
		}
		if (filter.from() != null) {
			conditions.add("o.created_at >= :from");
			params.put("from", java.sql.Timestamp.from(filter.from()));
		}
		if (filter.to() != null) {
			conditions.add("o.created_at < :to");
			params.put("to", java.sql.Timestamp.from(filter.to()));
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			conditions.add("(lower(o.recipient) like :q escape '\\' or lower(o.subject) like :q escape '\\' "
					+ "or lower(o.type_code) like :q escape '\\')");
			params.put("q", "%" + filter.q().strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
					+ "%");
		}
		if (filter.type() != null && !filter.type().isBlank()) {
			conditions.add("o.type_code = :type");
			params.put("type", filter.type());
		}
		return this.outbox.page(String.join(" and ", conditions), params, paging);
	}

	@Transactional(readOnly = true)
	public OutboxMessage get(CurrentUser user, long id) {
		boolean unscoped = seesUnscoped(user);
		return this.outbox.find(id).filter(m -> visible(user, unscoped, m))
			.orElseThrow(() -> new OpsGuardException(NotifyError.UNKNOWN_DELIVERY, String.valueOf(id)));
	}

	/** Makes a failed or given-up message due now; 409 when it is sent or still waiting. */
	@Transactional
	public OutboxMessage retry(CurrentUser user, long id) {
		OutboxMessage before = get(user, id);
		Instant now = this.clock.instant();
		if (!this.outbox.retryNow(id, now)) {
			throw new OpsGuardException(NotifyError.NOT_RETRYABLE, before.status().name());
		}
		OutboxMessage after = get(user, id);
		this.audit.record("NOTIFICATION_DELIVERY_RETRIED", "NOTIFICATION_DELIVERY", id,
				before.channel() + " " + before.typeCode() + " " + before.status() + " → " + after.status(), true);
		return after;
	}

	/**
	 * Messages about no organisation (a robot told without one) are seen by those whose scope holds
	 * the top of their organisation tree.
	 */
	private boolean seesUnscoped(CurrentUser user) {
		if (user.scope().all()) {
			return true;
		}
		List<Organisations.OrganisationView> path = this.organisations.path(user.organisationId());
		return !path.isEmpty() && user.scope().includes(path.get(0).id());
	}

	private static boolean visible(CurrentUser user, boolean unscoped, OutboxMessage m) {
		return m.organisationId() == null ? unscoped : user.scope().includes(m.organisationId());
	}

	private static String scope(CurrentUser user, boolean unscoped) {
		String scoped = user.scope().sqlCondition("o.organisation_id");
		return unscoped ? "(o.organisation_id is null or " + scoped + ")"
				: "(o.organisation_id is not null and " + scoped + ")";
	}

	/** The log's filters; all optional. */
	public record Filter(DeliveryStatus status, Channel channel, Instant from, Instant to, String q, String type) {
	}

}
