package io.opsguard.alerting.internal;

import static io.opsguard.alerting.internal.RuleStore.instant;
import static io.opsguard.alerting.internal.RuleStore.ts;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.alerting.rule.ScopeKind;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Maintenance windows: once (from … to) or recurring (every day, on days of the week or of the
 * month, from a local time for a length), for a scope of resources; alerts of the scope are
 * recorded but not notified while a window is open.
 */
@Service
public class MaintenanceWindows {

	static final int MAX_MINUTES = 7 * 24 * 60;

	private static final String COLUMNS = "id, name, scope_kind, scope_value, recurrence, starts_at, ends_at, days, start_time, "
			+ "duration_minutes, valid_from, valid_until, reason, enabled, created_by, created_at, updated_at, version";

	/** How a window repeats. */
	public enum Recurrence {
		ONCE, DAILY, WEEKLY, MONTHLY
	}

	/** A maintenance window. */
	public record Window(long id, String name, ScopeKind scopeKind, String scopeValue, Recurrence recurrence,
			Instant startsAt, Instant endsAt, Set<Integer> days, String startTime, Integer durationMinutes,
			LocalDate validFrom, LocalDate validUntil, String reason, boolean enabled, Long createdBy, Instant createdAt,
			Instant updatedAt, int version) {
	}

	/** What a person sends; {@code version} on a change. */
	public record WindowInput(String name, String scopeKind, String scopeValue, String recurrence, Instant startsAt,
			Instant endsAt, List<Integer> days, String startTime, Integer durationMinutes, LocalDate validFrom,
			LocalDate validUntil, String reason, Boolean enabled, Integer version) {
	}

	private final JdbcClient jdbc;

	private final AuditTrail audit;

	private final Clock clock;

	private final ZoneId zone;

	private final ScopeGuard guard;

	MaintenanceWindows(JdbcClient jdbc, AuditTrail audit, Clock clock,
			@Value("${opsguard.alerting.zone:Asia/Shanghai}") ZoneId zone, ScopeGuard guard) {
		this.jdbc = jdbc;
		this.audit = audit;
		this.clock = clock;
		this.zone = zone;
		this.guard = guard;
	}

	@Transactional(readOnly = true)
	public List<Window> list() {
		return this.jdbc.sql("select " + COLUMNS + " from alr_maintenance order by id desc").query(this::map).list();
	}

	@Transactional(readOnly = true)
	public Window get(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_maintenance where id = :id")
			.param("id", id)
			.query(this::map)
			.optional()
			.orElseThrow(() -> new OpsGuardException(AlertingError.UNKNOWN_MAINTENANCE));
	}

	/** The enabled windows open at {@code at}. */
	@Transactional(readOnly = true)
	public List<Window> openAt(Instant at) {
		return this.jdbc.sql("select " + COLUMNS + " from alr_maintenance where enabled = true")
			.query(this::map)
			.list()
			.stream()
			.filter(window -> isOpen(window, at, this.zone))
			.toList();
	}

	/** Whether a window is open at an instant, recurring ones in the site's time zone. */
	static boolean isOpen(Window window, Instant at, ZoneId zone) {
		if (!window.enabled()) {
			return false;
		}
		if (window.recurrence() == Recurrence.ONCE) {
			return window.startsAt() != null && window.endsAt() != null && !at.isBefore(window.startsAt())
					&& at.isBefore(window.endsAt());
		}
		LocalTime start = LocalTime.parse(window.startTime());
		long minutes = window.durationMinutes();
		LocalDate today = at.atZone(zone).toLocalDate();
		long back = minutes / (24 * 60) + 1;
		for (long d = back; d >= 0; d--) {
			LocalDate day = today.minusDays(d);
			if (!occursOn(window, day)) {
				continue;
			}
			ZonedDateTime from = day.atTime(start).atZone(zone);
			Instant opens = from.toInstant();
			Instant closes = from.plusMinutes(minutes).toInstant();
			if (!at.isBefore(opens) && at.isBefore(closes)) {
				return true;
			}
		}
		return false;
	}

	private static boolean occursOn(Window window, LocalDate day) {
		if (window.validFrom() != null && day.isBefore(window.validFrom())) {
			return false;
		}
		if (window.validUntil() != null && day.isAfter(window.validUntil())) {
			return false;
		}
		return switch (window.recurrence()) {
			case DAILY -> true;
			case WEEKLY -> window.days().contains(day.getDayOfWeek().getValue());
			case MONTHLY -> window.days().contains(day.getDayOfMonth());
			case ONCE -> false;
		};
	}

	@Transactional
	public Window create(CurrentUser user, WindowInput input) {
		Window checked = check(user, input);
		Instant now = this.clock.instant();
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("insert into alr_maintenance (name, scope_kind, scope_value, recurrence, starts_at, ends_at, days, "
				+ "start_time, duration_minutes, valid_from, valid_until, reason, enabled, created_by, created_at, updated_at) "
				+ "values (:name, :scopeKind, :scopeValue, :recurrence, :startsAt, :endsAt, :days, :startTime, :duration, "
				+ ":validFrom, :validUntil, :reason, :enabled, :by, :now, :now)")
			.params(params(checked))
			.param("by", user.id())
			.param("now", ts(now))
			.update(keys, "id");
		Window created = get(keys.getKey().longValue());
		this.audit.recordChange("ALERT_MAINTENANCE_CREATED", "MaintenanceWindow", created.id(), null, created);
		return created;
	}

	@Transactional
	public Window update(CurrentUser user, long id, WindowInput input) {
		Window before = get(id);
		if (!this.guard.covers(user, before.scopeKind(), before.scopeValue())) {
			throw new OpsGuardException(AlertingError.UNKNOWN_MAINTENANCE);
		}
		if (input.version() == null) {
			throw OpsGuardException.onField("version", AlertingError.VERSION_REQUIRED);
		}
		Window checked = check(user, input);
		int rows = this.jdbc.sql("update alr_maintenance set name = :name, scope_kind = :scopeKind, scope_value = :scopeValue, "
				+ "recurrence = :recurrence, starts_at = :startsAt, ends_at = :endsAt, days = :days, start_time = :startTime, "
				+ "duration_minutes = :duration, valid_from = :validFrom, valid_until = :validUntil, reason = :reason, "
				+ "enabled = :enabled, updated_at = :now, version = version + 1 where id = :id and version = :version")
			.params(params(checked))
			.param("now", ts(this.clock.instant()))
			.param("id", id)
			.param("version", input.version())
			.update();
		if (rows != 1) {
			throw new OpsGuardException(AlertingError.STALE_VERSION);
		}
		Window after = get(id);
		this.audit.recordChange("ALERT_MAINTENANCE_UPDATED", "MaintenanceWindow", id, before, after);
		return after;
	}

	@Transactional
	public void delete(CurrentUser user, long id, Integer version) {
		Window before = get(id);
		if (!this.guard.covers(user, before.scopeKind(), before.scopeValue())) {
			throw new OpsGuardException(AlertingError.UNKNOWN_MAINTENANCE);
		}
		if (version == null) {
			throw OpsGuardException.onField("version", AlertingError.VERSION_REQUIRED);
		}
		if (this.jdbc.sql("delete from alr_maintenance where id = :id and version = :version")
			.param("id", id)
			.param("version", version)
			.update() != 1) {
			throw new OpsGuardException(AlertingError.STALE_VERSION);
		}
		this.audit.recordChange("ALERT_MAINTENANCE_DELETED", "MaintenanceWindow", id, before, null);
	}

	private Window check(CurrentUser user, WindowInput input) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = input.name() == null ? null : input.name().trim();
		if (name == null || name.isEmpty()) {
			problems.add(new FieldProblem("name", AlertingError.NAME_REQUIRED, new Object[0]));
		}
		else if (name.length() > 200) {
			problems.add(new FieldProblem("name", AlertingError.TEXT_TOO_LONG, new Object[] { 200 }));
		}
		String reason = input.reason() == null ? null : input.reason().trim();
		if (reason == null || reason.isEmpty()) {
			problems.add(new FieldProblem("reason", AlertingError.REASON_REQUIRED, new Object[0]));
		}
		else if (reason.length() > 1000) {
			problems.add(new FieldProblem("reason", AlertingError.TEXT_TOO_LONG, new Object[] { 1000 }));
		}
		ScopeKind scope = input.scopeKind() == null || input.scopeKind().isBlank() ? ScopeKind.ALL
				: RuleService.parse(ScopeKind.class, input.scopeKind());
		String scopeValue = RuleService.blankToNull(input.scopeValue());
		if (scope == null || scope == ScopeKind.MONITOR_TYPE || (scope != ScopeKind.ALL && scopeValue == null)
				|| ((scope == ScopeKind.RESOURCE || scope == ScopeKind.ORGANISATION || scope == ScopeKind.BUSINESS_SYSTEM)
						&& Topology.parseLong(scopeValue) == null)) {
			problems.add(new FieldProblem("scopeValue", AlertingError.BAD_SCOPE, new Object[0]));
		}
		else if (!this.guard.covers(user, scope, scopeValue)) {
			problems.add(new FieldProblem("scopeValue", AlertingError.BAD_SCOPE, new Object[0]));
		}
		Recurrence recurrence = input.recurrence() == null || input.recurrence().isBlank() ? Recurrence.ONCE
				: RuleService.parse(Recurrence.class, input.recurrence());
		Set<Integer> days = new TreeSet<>(input.days() == null ? List.of() : input.days());
		if (recurrence == null) {
			problems.add(new FieldProblem("recurrence", AlertingError.BAD_RECURRENCE, new Object[0]));
		}
		else if (recurrence == Recurrence.ONCE) {
			if (input.startsAt() == null || input.endsAt() == null || !input.endsAt().isAfter(input.startsAt())
					|| input.endsAt().isAfter(input.startsAt().plus(java.time.Duration.ofDays(31)))) {
				problems.add(new FieldProblem("endsAt", AlertingError.BAD_WINDOW, new Object[0]));
			}
		}
		else {
			boolean timeOk;
			try {
				timeOk = input.startTime() != null && input.startTime().matches("\\d{2}:\\d{2}")
						&& LocalTime.parse(input.startTime()) != null;
			}
			catch (DateTimeParseException ex) {
				timeOk = false;
			}
			if (!timeOk) {
				problems.add(new FieldProblem("startTime", AlertingError.BAD_RECURRENCE, new Object[0]));
			}
			if (input.durationMinutes() == null || input.durationMinutes() < 1 || input.durationMinutes() > MAX_MINUTES) {
				problems.add(new FieldProblem("durationMinutes", AlertingError.BAD_WINDOW, new Object[0]));
			}
			boolean daysOk = switch (recurrence) {
				case WEEKLY -> !days.isEmpty() && days.stream().allMatch(d -> d != null && d >= 1 && d <= 7);
				case MONTHLY -> !days.isEmpty() && days.stream().allMatch(d -> d != null && d >= 1 && d <= 31);
				default -> true;
			};
			if (!daysOk) {
				problems.add(new FieldProblem("days", AlertingError.BAD_RECURRENCE, new Object[0]));
			}
			if (input.validFrom() != null && input.validUntil() != null && input.validUntil().isBefore(input.validFrom())) {
				problems.add(new FieldProblem("validUntil", AlertingError.BAD_WINDOW, new Object[0]));
			}
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(AlertingError.INVALID_MAINTENANCE, problems);
		}
		boolean once = recurrence == Recurrence.ONCE;
		return new Window(0, name, scope, scope == ScopeKind.ALL ? null : scopeValue, recurrence,
				once ? input.startsAt() : null, once ? input.endsAt() : null,
				once || recurrence == Recurrence.DAILY ? Set.of() : days, once ? null : input.startTime(),
				once ? null : input.durationMinutes(), once ? null : input.validFrom(), once ? null : input.validUntil(), reason,
				input.enabled() == null || input.enabled(), null, null, null, 0);
	}

	private static java.util.Map<String, Object> params(Window w) {
		java.util.Map<String, Object> params = new java.util.HashMap<>();
		params.put("name", w.name());
		params.put("scopeKind", w.scopeKind().name());
		params.put("scopeValue", w.scopeValue());
		params.put("recurrence", w.recurrence().name());
		params.put("startsAt", ts(w.startsAt()));
		params.put("endsAt", ts(w.endsAt()));
		params.put("days", w.days().isEmpty() ? null
				: String.join(",", w.days().stream().map(String::valueOf).toList()));
		params.put("startTime", w.startTime());
		params.put("duration", w.durationMinutes());
		params.put("validFrom", w.validFrom() == null ? null : Date.valueOf(w.validFrom()));
		params.put("validUntil", w.validUntil() == null ? null : Date.valueOf(w.validUntil()));
		params.put("reason", w.reason());
		params.put("enabled", w.enabled());
		return params;
	}

	private Window map(ResultSet rs, int n) throws SQLException {
		String days = rs.getString("days");
		Set<Integer> daySet = new TreeSet<>();
		if (days != null) {
			for (String day : days.split(",")) {
				if (!day.isBlank()) {
					daySet.add(Integer.parseInt(day.trim()));
				}
			}
		}
		Date from = rs.getDate("valid_from");
		Date until = rs.getDate("valid_until");
		return new Window(rs.getLong("id"), rs.getString("name"), ScopeKind.valueOf(rs.getString("scope_kind")),
				rs.getString("scope_value"), Recurrence.valueOf(rs.getString("recurrence")),
				instant(rs.getTimestamp("starts_at")), instant(rs.getTimestamp("ends_at")), daySet, rs.getString("start_time"),
				(Integer) rs.getObject("duration_minutes", Integer.class), from == null ? null : from.toLocalDate(),
				until == null ? null : until.toLocalDate(), rs.getString("reason"), rs.getBoolean("enabled"),
				(Long) rs.getObject("created_by", Long.class), instant(rs.getTimestamp("created_at")),
				instant(rs.getTimestamp("updated_at")), rs.getInt("version"));
	}

}
