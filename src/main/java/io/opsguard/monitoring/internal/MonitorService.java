package io.opsguard.monitoring.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.opsguard.cmdb.CiStatus;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.DataScope;
import io.opsguard.monitoring.MonitorStatus;
import io.opsguard.monitoring.schedule.CollectionProperties;
import io.opsguard.monitoring.schedule.CollectionScheduler.MonitorsChanged;
import io.opsguard.monitoring.template.MonitorType;
import io.opsguard.monitoring.template.MonitorTypes;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;
import io.opsguard.shared.SqlPages;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Monitors: a monitor type attached to a CI with its parameters (secrets sealed) and an interval,
 * within the user's data scope (the CI's organisation). Every change is audited without its secrets
 * and reaches the scheduler when it commits.
 */
@Service
public class MonitorService {

	static final int MAX_NAME = 200;

	private final MonitorStore store;

	private final MonitorTypes types;

	private final MonitorSecrets secrets;

	private final ConfigurationItems cis;

	private final AuditTrail audit;

	private final ApplicationEventPublisher events;

	private final JdbcClient jdbc;

	private final Clock clock;

	MonitorService(MonitorStore store, MonitorTypes types, MonitorSecrets secrets, ConfigurationItems cis,
			AuditTrail audit, ApplicationEventPublisher events, JdbcClient jdbc, Clock clock) {
		this.store = store;
		this.types = types;
		this.secrets = secrets;
		this.cis = cis;
		this.audit = audit;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * What a person sends to add or change a monitor; on a change, a secret left empty keeps the
	 * stored one and {@code version} is required.
	 */
	public record MonitorInput(Long ciId, String typeId, String name, Map<String, Object> parameters,
			Integer intervalSeconds, Boolean enabled, Integer version) {
	}

	/** Filters of the monitor list; every one optional. */
	public record MonitorFilter(Long ciId, String typeId, MonitorStatus status, Long organisationId, String q) {
	}

	/** A checked input, ready to store. */
	public record Prepared(CiView ci, MonitorType type, String name, MonitorParameters.Checked parameters,
			Integer intervalSeconds, boolean enabled) {
	}

	@Transactional
	public MonitorRow create(CurrentUser user, MonitorInput input, Locale locale) {
		Prepared prepared = prepare(user.scope(), input, Map.of(), null, locale);
		return insert(user, prepared);
	}

	/** Stores a prepared monitor (also for bulk onboarding, which prepared every row first). */
	@Transactional
	public MonitorRow insert(CurrentUser user, Prepared prepared) {
		Instant now = this.clock.instant();
		MonitorRow row = new MonitorRow(0, prepared.ci().id(), prepared.ci().organisationId(), prepared.type().id(),
				prepared.name(), prepared.parameters().host(), prepared.parameters().plain(),
				this.secrets.seal(prepared.parameters().secrets()), prepared.intervalSeconds(), prepared.enabled(),
				prepared.enabled() ? MonitorStatus.PENDING : MonitorStatus.DISABLED, null, null, null, null, null, 0, now,
				user.id(), now, 0);
		long id = this.store.insert(row);
		MonitorRow created = this.store.find(id).orElseThrow();
		this.audit.recordChange("MONITOR_CREATED", "Monitor", id, null, snapshot(created, prepared.parameters().secrets().keySet()));
		this.events.publishEvent(new MonitorsChanged(List.of(id)));
		return created;
	}

	@Transactional
	public MonitorRow update(CurrentUser user, long id, MonitorInput input, Locale locale) {
		MonitorRow before = visible(user, id);
		if (input.version() == null) {
			throw OpsGuardException.onField("version", MonitoringError.VERSION_REQUIRED);
		}
		if (input.ciId() != null && input.ciId() != before.ciId()) {
			throw OpsGuardException.onField("ciId", MonitoringError.UNKNOWN_CI);
		}
		MonitorInput merged = new MonitorInput(before.ciId(), input.typeId() == null ? before.typeId() : input.typeId(),
				input.name(), input.parameters(), input.intervalSeconds(),
				input.enabled() == null ? before.enabled() : input.enabled(), input.version());
		Map<String, String> stored = merged.typeId().equals(before.typeId()) ? this.secrets.open(before.sealedSecrets())
				: Map.of();
		Prepared prepared = prepare(user.scope(), merged, stored, before, locale);
		MonitorRow changed = new MonitorRow(before.id(), before.ciId(), before.organisationId(), prepared.type().id(),
				prepared.name(), prepared.parameters().host(), prepared.parameters().plain(),
				this.secrets.seal(prepared.parameters().secrets()), prepared.intervalSeconds(), prepared.enabled(),
				!prepared.enabled() ? MonitorStatus.DISABLED
						: before.status() == MonitorStatus.DISABLED || !before.typeId().equals(prepared.type().id())
								? MonitorStatus.PENDING : before.status(),
				before.lastOutcome(), before.lastDetail(), before.lastCollectedAt(), before.lastSuccessAt(),
				before.lastDurationMs(), before.consecutiveFailures(), before.createdAt(), before.createdBy(),
				this.clock.instant(), input.version());
		if (!this.store.update(changed)) {
			throw new OpsGuardException(MonitoringError.STALE_VERSION);
		}
		MonitorRow after = this.store.find(id).orElseThrow();
		Set<String> changedSecrets = new TreeSet<>();
		Map<String, String> now = prepared.parameters().secrets();
		now.forEach((key, value) -> {
			if (!value.equals(stored.get(key))) {
				changedSecrets.add(key);
			}
		});
		Map<String, Object> afterSnapshot = snapshot(after, now.keySet());
		afterSnapshot.put("secretsChanged", changedSecrets);
		this.audit.recordChange("MONITOR_UPDATED", "Monitor", id, snapshot(before, stored.keySet()), afterSnapshot);
		this.events.publishEvent(new MonitorsChanged(List.of(id)));
		return after;
	}

	@Transactional
	public void delete(CurrentUser user, long id, Integer version) {
		MonitorRow before = visible(user, id);
		if (version == null) {
			throw OpsGuardException.onField("version", MonitoringError.VERSION_REQUIRED);
		}
		if (!this.store.delete(id, version)) {
			throw new OpsGuardException(MonitoringError.STALE_VERSION);
		}
		this.audit.recordChange("MONITOR_DELETED", "Monitor", id, snapshot(before, Set.of()), null);
		this.events.publishEvent(new MonitorsChanged(List.of(id)));
	}

	@Transactional(readOnly = true)
	public MonitorRow get(CurrentUser user, long id) {
		return visible(user, id);
	}

	/** The names of the secrets a monitor has stored (never their values). */
	public Set<String> secretKeys(MonitorRow row) {
		try {
			return new TreeSet<>(this.secrets.open(row.sealedSecrets()).keySet());
		}
		catch (OpsGuardException ex) {
			return Set.of();
		}
	}

	/** The monitor's secrets, opened, for "test now" of a stored monitor. */
	Map<String, String> openSecrets(MonitorRow row) {
		return this.secrets.open(row.sealedSecrets());
	}

	@Transactional(readOnly = true)
	public PageResult<MonitorRow> list(CurrentUser user, MonitorFilter filter, PageQuery paging) {
		List<String> conditions = new ArrayList<>();
		Map<String, Object> params = new HashMap<>();
		if (!user.scope().all()) {
			conditions.add(user.scope().sqlCondition("m.organisation_id"));
		}
		if (filter.ciId() != null) {
			conditions.add("m.ci_id = :ci");
			params.put("ci", filter.ciId());
		}
		if (filter.typeId() != null && !filter.typeId().isBlank()) {
			conditions.add("m.type_id = :type");
			params.put("type", filter.typeId().trim());
		}
		if (filter.status() != null) {
			conditions.add("m.status = :status");
			params.put("status", filter.status().name());
		}
		if (filter.organisationId() != null) {
			conditions.add("m.organisation_id = :organisation");
			params.put("organisation", filter.organisationId());
		}
		if (filter.q() != null && !filter.q().isBlank()) {
			conditions.add("(lower(m.name) like :q or lower(m.host) like :q)");
			params.put("q", "%" + filter.q().trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%")
				.replace("_", "\\_") + "%");
		}
		PageResult<Long> ids = SqlPages.ids(this.jdbc, "m.id", "mon_monitor m", String.join(" and ", conditions), params,
				paging);
		return new PageResult<>(this.store.findAll(ids.items()), ids.total(), ids.page(), ids.size());
	}

	/**
	 * Checks an input completely and answers it ready to store, or throws with every bad field.
	 *
	 * @param stored the secrets stored so far (kept where the input leaves them empty)
	 * @param before the monitor being changed, or null for a new one
	 */
	public Prepared prepare(DataScope scope, MonitorInput input, Map<String, String> stored, MonitorRow before,
			Locale locale) {
		List<FieldProblem> problems = new ArrayList<>();
		CiView ci = null;
		if (input.ciId() == null) {
			problems.add(new FieldProblem("ciId", MonitoringError.UNKNOWN_CI, new Object[0]));
		}
		else {
			ci = this.cis.find(input.ciId()).filter(c -> scope.includes(c.organisationId())).orElse(null);
			if (ci == null) {
				problems.add(new FieldProblem("ciId", MonitoringError.UNKNOWN_CI, new Object[0]));
			}
			else if (ci.status() == CiStatus.RETIRED && before == null) {
				problems.add(new FieldProblem("ciId", MonitoringError.CI_RETIRED, new Object[] { ci.name() }));
			}
		}
		MonitorType type = input.typeId() == null ? null : this.types.find(input.typeId().trim()).orElse(null);
		if (type == null) {
			problems.add(new FieldProblem("typeId", MonitoringError.UNKNOWN_TYPE, new Object[] { String.valueOf(input.typeId()) }));
		}
		if (input.intervalSeconds() != null && (input.intervalSeconds() < CollectionProperties.MIN_INTERVAL_SECONDS
				|| input.intervalSeconds() > CollectionProperties.MAX_INTERVAL_SECONDS)) {
			problems.add(new FieldProblem("intervalSeconds", MonitoringError.BAD_INTERVAL,
					new Object[] { CollectionProperties.MIN_INTERVAL_SECONDS, CollectionProperties.MAX_INTERVAL_SECONDS }));
		}
		String name = input.name() == null ? "" : input.name().trim();
		if (name.length() > MAX_NAME) {
			problems.add(new FieldProblem("name", MonitoringError.NAME_TOO_LONG, new Object[] { MAX_NAME }));
		}
		MonitorParameters.Checked parameters = null;
		if (type != null) {
			parameters = MonitorParameters.check(type, input.parameters(), stored, locale);
			problems.addAll(parameters.problems());
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(MonitoringError.INVALID_PARAMETERS, problems);
		}
		if (name.isEmpty()) {
			name = type.name().in(locale) + (parameters.host() == null ? "" : " " + parameters.host());
			name = name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
		}
		return new Prepared(ci, type, name, parameters, input.intervalSeconds(),
				input.enabled() == null || input.enabled());
	}

	private MonitorRow visible(CurrentUser user, long id) {
		return this.store.find(id)
			.filter(row -> user.scope().includes(row.organisationId()))
			.orElseThrow(() -> new OpsGuardException(MonitoringError.UNKNOWN_MONITOR));
	}

	private static Map<String, Object> snapshot(MonitorRow row, Set<String> secretKeys) {
		Map<String, Object> snapshot = new LinkedHashMap<>();
		snapshot.put("ciId", row.ciId());
		snapshot.put("typeId", row.typeId());
		snapshot.put("name", row.name());
		snapshot.put("parameters", row.parameters());
		snapshot.put("secrets", new TreeSet<>(secretKeys));
		snapshot.put("intervalSeconds", row.intervalSeconds());
		snapshot.put("enabled", row.enabled());
		return snapshot;
	}

	/** How long "test now" may take at most. */
	public static final Duration TEST_TIMEOUT = Duration.ofSeconds(20);

}
