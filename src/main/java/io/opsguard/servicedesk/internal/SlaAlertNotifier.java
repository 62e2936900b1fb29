package io.opsguard.servicedesk.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.opsguard.notify.Notice;
import io.opsguard.notify.NoticeSeverity;
import io.opsguard.notify.Notifications;
import io.opsguard.servicedesk.TimerMetric;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import static io.opsguard.servicedesk.internal.TicketStore.instant;
import static io.opsguard.servicedesk.internal.TicketStore.nullableLong;
import static io.opsguard.servicedesk.internal.TicketStore.ts;

/**
 * Tells the SLA warnings and breaches the sweep recorded (R-DSK-04, R-SLA-04): a warning to the
 * assignee (or, while nobody holds the ticket, the group's members), a breach to them and to the
 * group's lead (escalation). Reads the alerts not yet told in order, in batches, one node at a
 * time; each batch's notices and its "told" mark are written in one transaction, so an alert is
 * told once, also across a restart.
 */
@Component
public class SlaAlertNotifier {

	private static final Logger log = LoggerFactory.getLogger(SlaAlertNotifier.class);

	static final int BATCH = 200;

	/**
	 * Batches told per run: the notifier takes turns with the sweep (one lock for both), so that a
	 * flood of alerts is told over several runs without holding up the next sweep.
	 */
	static final int BATCHES_PER_RUN = 25;

	private final JdbcClient jdbc;

	private final TicketStore tickets;

	private final SupportGroups groups;

	private final Notifications notifications;

	private final TransactionTemplate transactions;

	private final Clock clock;

	private final LockingTaskExecutor locks;

	private final TicketNotifier notifier;

	SlaAlertNotifier(JdbcClient jdbc, TicketStore tickets, SupportGroups groups, Notifications notifications,
			TicketNotifier notifier, TransactionTemplate transactions, Clock clock, LockProvider locks) {
		this.notifier = notifier;
		this.jdbc = jdbc;
		this.tickets = tickets;
		this.groups = groups;
		this.notifications = notifications;
		this.transactions = transactions;
		this.clock = clock;
		this.locks = new DefaultLockingTaskExecutor(locks);
	}

	@Scheduled(fixedDelayString = "${opsguard.servicedesk.alert-notice-interval:10s}",
			initialDelayString = "${opsguard.servicedesk.alert-notice-interval:10s}")
	void scheduled() {
		try {
			run();
		}
		catch (RuntimeException ex) {
			log.warn("Telling SLA alerts failed; the next run tries again", ex);
		}
	}

	/**
	 * Tells the alerts not yet told, up to {@link #BATCHES_PER_RUN} batches; the number told (0 while
	 * a sweep or another node runs).
	 */
	public int run() {
		try {
			LockingTaskExecutor.TaskResult<Integer> result = this.locks.executeWithLock(this::tellAll,
					new LockConfiguration(Instant.now(), TimerSweep.LOCK_NAME, Duration.ofMinutes(10), Duration.ZERO));
			return result.wasExecuted() ? result.getResult() : 0;
		}
		catch (RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IllegalStateException(ex);
		}
	}

	private int tellAll() {
		int told = 0;
		for (int run = 0; run < BATCHES_PER_RUN; run++) {
			Integer batch = this.transactions.execute(status -> tellBatch());
			if (batch == null || batch == 0) {
				return told;
			}
			told += batch;
		}
		return told;
	}

	private int tellBatch() {
		List<Alert> alerts = this.jdbc.sql("""
				select a.id, a.ticket_id, a.percent, a.due_at, a.late, t.metric, t.group_id
				from sd_timer_alert a join sd_timer t on t.id = a.timer_id
				where a.notified_at is null order by a.id limit :limit""")
			.param("limit", BATCH)
			.query((rs, n) -> new Alert(rs.getLong("id"), rs.getLong("ticket_id"), rs.getInt("percent"), instant(rs, "due_at"),
					rs.getBoolean("late"), TimerMetric.valueOf(rs.getString("metric")), nullableLong(rs, "group_id")))
			.list();
		if (alerts.isEmpty()) {
			return 0;
		}
		Map<Long, TicketRow> byId = new java.util.HashMap<>();
		this.tickets.findAll(alerts.stream().map(Alert::ticketId).distinct().toList()).forEach(t -> byId.put(t.id, t));
		// a batch's alerts mostly concern a few groups: each read once
		Map<Long, Optional<SupportGroups.Group>> groups = new java.util.HashMap<>();
		for (Alert alert : alerts) {
			TicketRow t = byId.get(alert.ticketId());
			if (t != null && !t.state.done()) {
				tell(alert, t, groups);
			}
		}
		this.jdbc.sql("update sd_timer_alert set notified_at = :now where id in (:ids)")
			.param("now", ts(this.clock.instant()))
			.param("ids", alerts.stream().map(Alert::id).toList())
			.update();
		return alerts.size();
	}

	private void tell(Alert alert, TicketRow t, Map<Long, Optional<SupportGroups.Group>> groups) {
		boolean breach = alert.percent() >= 100;
		Long groupId = alert.groupId() != null ? alert.groupId() : t.groupId;
		Optional<SupportGroups.Group> group = groupId == null ? Optional.empty()
				: groups.computeIfAbsent(groupId, this.groups::byId);
		Set<Long> to = new LinkedHashSet<>();
		if (t.assigneeId != null) {
			to.add(t.assigneeId);
		}
		else {
			group.ifPresent(g -> to.addAll(g.memberIds()));
		}
		if (breach) {
			group.map(SupportGroups.Group::leadId).ifPresent(to::add);
		}
		if (to.isEmpty()) {
			return;
		}
		this.notifications.send(Notice.of(breach ? ServiceDeskNotices.SLA_BREACH : ServiceDeskNotices.SLA_WARNING)
			.toUsers(to)
			.with(TicketNotifier.model(t))
			.with("metric", this.notifier.metric(alert.metric(), false))
			.with("metricEn", this.notifier.metric(alert.metric(), true))
			.with("percent", alert.percent())
			.with("dueAt", TicketNotifier.TIME.format(alert.dueAt()))
			.with("late", alert.late())
			.link("/servicedesk/tickets/" + t.id)
			.severity(breach ? NoticeSeverity.CRITICAL : NoticeSeverity.WARNING)
			.dedupKey("sla-alert:" + alert.id())
			.organisation(t.organisationId)
			.build());
	}

	private record Alert(long id, long ticketId, int percent, Instant dueAt, boolean late, TimerMetric metric, Long groupId) {
	}

}
