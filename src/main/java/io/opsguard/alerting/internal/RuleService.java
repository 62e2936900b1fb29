package io.opsguard.alerting.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

import io.opsguard.alerting.AlertSeverity;
import io.opsguard.alerting.rule.AlertRule;
import io.opsguard.alerting.rule.CheckKind;
import io.opsguard.alerting.rule.Comparison;
import io.opsguard.alerting.rule.RuleEngine;
import io.opsguard.alerting.rule.RuleKind;
import io.opsguard.alerting.rule.ScopeKind;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.monitoring.Monitors;
import io.opsguard.monitoring.Monitors.DefaultThreshold;
import io.opsguard.monitoring.store.SeriesKey;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.OpsGuardException.FieldProblem;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Alert rules: written by people (checked field by field, audited, versioned) or kept in step with
 * the monitor types' default thresholds (template rules, which people may tune, disable, or
 * override for one resource). Compiles the enabled rules for the evaluation; a change takes effect
 * at the next evaluation.
 */
@Service
public class RuleService {

	private static final Logger log = LoggerFactory.getLogger(RuleService.class);

	static final int MAX_NAME = 200;

	static final int MAX_DESCRIPTION = 2000;

	static final long MAX_FOR_SECONDS = Duration.ofDays(1).toSeconds();

	/** The availability rules every installation starts with (template rules, tunable). */
	static final List<AlertRule> BUILT_IN = List.of(
			builtIn("builtin:collection-failing", "采集连续失败（目标不可达）", CheckKind.COLLECTION_FAILING, 3.0,
					AlertSeverity.CRITICAL),
			builtIn("builtin:disk-full", "磁盘预计 7 天内写满", CheckKind.DISK_FULL, 7.0, AlertSeverity.MAJOR),
			builtIn("builtin:process-new", "出现未预期的新进程", CheckKind.PROCESS_NEW, null, AlertSeverity.MINOR),
			builtIn("builtin:trap", "收到设备告警（SNMP Trap）", CheckKind.TRAP, null, AlertSeverity.MAJOR),
			// self-diagnosis (R-SYS-06): OpsGuard's own metric store
			new AlertRule(0, "运维保障平台指标存储异常", null, RuleKind.THRESHOLD, AlertRule.TEMPLATE, "builtin:self-store", null,
					ScopeKind.ALL, null, AlertSeverity.CRITICAL, "opsguard_store_healthy", null, Comparison.EQ, 0.0,
					Duration.ofMinutes(1), null, null, Duration.ZERO, null, null, null, true, true, false, null, null, null,
					0));

	private final RuleStore store;

	private final Monitors monitors;

	private final ConfigurationItems cis;

	private final ExpressionCompiler expressions;

	private final AuditTrail audit;

	private final Clock clock;

	private final ScopeGuard guard;

	private volatile Compilation compilation;

	RuleService(RuleStore store, Monitors monitors, ConfigurationItems cis, ExpressionCompiler expressions,
			AuditTrail audit, Clock clock, ScopeGuard guard) {
		this.guard = guard;
		this.store = store;
		this.monitors = monitors;
		this.cis = cis;
		this.expressions = expressions;
		this.audit = audit;
		this.clock = clock;
	}

	/**
	 * What a person sends to write a rule; enumerations as text so that a wrong one is named.
	 * {@code version} is required on a change.
	 */
	public record RuleInput(String name, String description, String kind, String scopeKind, String scopeValue,
			String severity, String metric, String instance, String operator, Double threshold, Long forSeconds,
			String recoveryOperator, Double recoveryThreshold, Long recoverySeconds, String check, Double checkValue,
			String expression, Boolean enabled, Boolean notifies, Boolean openIncident, Integer version) {
	}

	/** Filters of the rule list. */
	public record RuleFilter(RuleKind kind, String origin, AlertSeverity severity, Boolean enabled, String q) {
	}

	@Transactional(readOnly = true)
	public PageResult<AlertRule> list(RuleFilter filter, PageQuery paging) {
		List<AlertRule> rows = new ArrayList<>();
		for (AlertRule rule : this.store.all()) {
			if ((filter.kind() == null || rule.kind() == filter.kind())
					&& (filter.origin() == null || filter.origin().equalsIgnoreCase(rule.origin()))
					&& (filter.severity() == null || rule.severity() == filter.severity())
					&& (filter.enabled() == null || rule.enabled() == filter.enabled()) && matches(rule, filter.q())) {
				rows.add(rule);
			}
		}
		rows.sort(order(paging.orderBy()));
		int from = (int) Math.min(rows.size(), (long) paging.page() * paging.size());
		int to = Math.min(rows.size(), from + paging.size());
		return new PageResult<>(rows.subList(from, to), rows.size(), paging.page(), paging.size());
	}

	private static boolean matches(AlertRule rule, String q) {
		if (q == null || q.isBlank()) {
			return true;
		}
		String text = q.trim().toLowerCase(Locale.ROOT);
		return rule.name().toLowerCase(Locale.ROOT).contains(text)
				|| (rule.metric() != null && rule.metric().toLowerCase(Locale.ROOT).contains(text))
				|| (rule.expression() != null && rule.expression().toLowerCase(Locale.ROOT).contains(text))
				|| (rule.scopeValue() != null && rule.scopeValue().toLowerCase(Locale.ROOT).contains(text));
	}

	private static java.util.Comparator<AlertRule> order(String sort) {
		java.util.Comparator<AlertRule> byId = java.util.Comparator.comparingLong(AlertRule::id);
		if (sort == null || sort.isBlank()) {
			return byId;
		}
		// "field dir, id" as PageQuery writes it from the sortable names
		String[] first = sort.split(",")[0].trim().split("\\s+");
		String field = first[0];
		boolean descending = first.length > 1 && first[1].equalsIgnoreCase("desc");
		java.util.Comparator<AlertRule> order = switch (field) {
			case "name" -> java.util.Comparator.comparing(AlertRule::name, String.CASE_INSENSITIVE_ORDER);
			case "severity" -> java.util.Comparator.comparing(AlertRule::severity);
			case "kind" -> java.util.Comparator.comparing(AlertRule::kind);
			case "updatedAt" -> java.util.Comparator.comparing(AlertRule::updatedAt);
			default -> byId;
		};
		return (descending ? order.reversed() : order).thenComparing(byId);
	}

	@Transactional(readOnly = true)
	public AlertRule get(long id) {
		return this.store.find(id).orElseThrow(() -> new OpsGuardException(AlertingError.UNKNOWN_RULE));
	}

	@Transactional(readOnly = true)
	public Optional<AlertRule> find(long id) {
		return this.store.find(id);
	}

	@Transactional
	public AlertRule create(CurrentUser user, RuleInput input, Locale locale) {
		AlertRule checked = check(input, null, locale);
		guard(user, checked);
		Instant now = this.clock.instant();
		AlertRule rule = copy(checked, 0, AlertRule.USER, null, null, user.id(), now, now, 0);
		long id = this.store.insert(rule);
		AlertRule created = get(id);
		this.audit.recordChange("ALERT_RULE_CREATED", "AlertRule", id, null, created);
		changed();
		return created;
	}

	@Transactional
	public AlertRule update(CurrentUser user, long id, RuleInput input, Locale locale) {
		AlertRule before = get(id);
		if (input.version() == null) {
			throw OpsGuardException.onField("version", AlertingError.VERSION_REQUIRED);
		}
		AlertRule checked = check(input, before, locale);
		guard(user, before);
		guard(user, checked);
		AlertRule rule = copy(checked, id, before.origin(), before.templateKey(), before.overridesRuleId(), before.createdBy(),
				before.createdAt(), this.clock.instant(), input.version());
		if (!this.store.update(rule)) {
			throw new OpsGuardException(AlertingError.STALE_VERSION);
		}
		AlertRule after = get(id);
		this.audit.recordChange("ALERT_RULE_UPDATED", "AlertRule", id, before, after);
		changed();
		return after;
	}

	@Transactional
	public void delete(CurrentUser user, long id, Integer version) {
		AlertRule before = get(id);
		guard(user, before);
		if (before.fromTemplate() && before.overridesRuleId() == null) {
			throw new OpsGuardException(AlertingError.TEMPLATE_RULE);
		}
		if (version == null) {
			throw OpsGuardException.onField("version", AlertingError.VERSION_REQUIRED);
		}
		if (!this.store.delete(id, version)) {
			throw new OpsGuardException(AlertingError.STALE_VERSION);
		}
		this.audit.recordChange("ALERT_RULE_DELETED", "AlertRule", id, before, null);
		changed();
	}

	/**
	 * Writes the override of a template rule for one resource (creating it the first time): the
	 * template rule no longer applies to that resource, the override does.
	 */
	@Transactional
	public AlertRule override(CurrentUser user, long templateRuleId, long resourceId, RuleInput input, Locale locale) {
		AlertRule template = get(templateRuleId);
		if (this.cis.find(resourceId).isEmpty() || !this.guard.ciInScope(user, resourceId)) {
			throw OpsGuardException.onField("resourceId", AlertingError.BAD_SCOPE);
		}
		if (!template.fromTemplate() || template.overridesRuleId() != null || template.kind() != RuleKind.THRESHOLD) {
			throw new OpsGuardException(AlertingError.BAD_OVERRIDE);
		}
		Optional<AlertRule> existing = this.store.overrideOf(templateRuleId, resourceId);
		RuleInput merged = new RuleInput(
				input.name() == null || input.name().isBlank() ? template.name() : input.name(), input.description(),
				RuleKind.THRESHOLD.name(), ScopeKind.RESOURCE.name(), Long.toString(resourceId),
				input.severity() == null ? template.severity().name() : input.severity(), template.metric(),
				input.instance() == null ? template.instance() : input.instance(),
				input.operator() == null ? template.operator().symbol() : input.operator(),
				input.threshold() == null ? template.threshold() : input.threshold(),
				input.forSeconds() == null ? template.forDuration().toSeconds() : input.forSeconds(),
				input.recoveryOperator(), input.recoveryThreshold(), input.recoverySeconds(), null, null, null,
				input.enabled(), input.notifies() == null ? template.notifies() : input.notifies(),
				input.openIncident() == null ? template.openIncident() : input.openIncident(), input.version());
		if (existing.isPresent()) {
			return update(user, existing.get().id(), merged, locale);
		}
		AlertRule checked = check(merged, null, locale);
		Instant now = this.clock.instant();
		AlertRule rule = copy(checked, 0, AlertRule.USER, null, templateRuleId, user.id(), now, now, 0);
		long id = this.store.insert(rule);
		AlertRule created = get(id);
		this.audit.recordChange("ALERT_RULE_OVERRIDDEN", "AlertRule", id, template, created);
		changed();
		return created;
	}

	/**
	 * A rule aimed at one resource, business system or organisation may be written only by people
	 * whose scope covers it; rules for every resource, a class or a tag by anyone allowed to write rules.
	 */
	private void guard(CurrentUser user, AlertRule rule) {
		boolean anchored = rule.scopeKind() == ScopeKind.RESOURCE || rule.scopeKind() == ScopeKind.ORGANISATION
				|| rule.scopeKind() == ScopeKind.BUSINESS_SYSTEM;
		if (anchored && !this.guard.covers(user, rule.scopeKind(), rule.scopeValue())) {
			throw OpsGuardException.onField("scopeValue", AlertingError.BAD_SCOPE);
		}
	}

	/** Checks a rule field by field; every bad field is named at once. */
	public AlertRule check(RuleInput input, AlertRule before, Locale locale) {
		List<FieldProblem> problems = new ArrayList<>();
		String name = input.name() == null ? null : input.name().trim();
		if (name == null || name.isEmpty()) {
			problems.add(new FieldProblem("name", AlertingError.NAME_REQUIRED, new Object[0]));
		}
		else if (name.length() > MAX_NAME) {
			problems.add(new FieldProblem("name", AlertingError.TEXT_TOO_LONG, new Object[] { MAX_NAME }));
		}
		if (input.description() != null && input.description().length() > MAX_DESCRIPTION) {
			problems.add(new FieldProblem("description", AlertingError.TEXT_TOO_LONG, new Object[] { MAX_DESCRIPTION }));
		}
		RuleKind kind = before != null && before.fromTemplate() && before.overridesRuleId() == null ? before.kind()
				: parse(RuleKind.class, input.kind());
		if (kind == null) {
			problems.add(new FieldProblem("kind", AlertingError.KIND_REQUIRED, new Object[0]));
		}
		AlertSeverity severity = AlertSeverity.parse(input.severity());
		if (severity == null) {
			problems.add(new FieldProblem("severity", AlertingError.SEVERITY_REQUIRED, new Object[0]));
		}
		ScopeKind scope = input.scopeKind() == null || input.scopeKind().isBlank() ? ScopeKind.ALL
				: parse(ScopeKind.class, input.scopeKind());
		String scopeValue = input.scopeValue() == null || input.scopeValue().isBlank() ? null : input.scopeValue().trim();
		boolean templateRule = before != null && before.fromTemplate() && before.overridesRuleId() == null;
		if (templateRule) {
			scope = before.scopeKind();
			scopeValue = before.scopeValue();
		}
		else if (scope == null || !scopeValid(scope, scopeValue)) {
			problems.add(new FieldProblem("scopeValue", AlertingError.BAD_SCOPE, new Object[0]));
		}
		Map<String, Monitors.MetricInfo> known = this.monitors.metrics();
		String metric = blankToNull(input.metric());
		Comparison operator = null;
		Comparison recoveryOperator = null;
		Double threshold = null;
		Double recoveryThreshold = null;
		CheckKind check = null;
		Double checkValue = null;
		String expression = null;
		long forSeconds = input.forSeconds() == null ? 0 : input.forSeconds();
		long recoverySeconds = input.recoverySeconds() == null ? 0 : input.recoverySeconds();
		if (forSeconds < 0 || forSeconds > MAX_FOR_SECONDS) {
			problems.add(new FieldProblem("forSeconds", AlertingError.BAD_DURATION, new Object[] { MAX_FOR_SECONDS }));
		}
		if (recoverySeconds < 0 || recoverySeconds > MAX_FOR_SECONDS) {
			problems.add(new FieldProblem("recoverySeconds", AlertingError.BAD_DURATION, new Object[] { MAX_FOR_SECONDS }));
		}
		if (kind == RuleKind.THRESHOLD) {
			if (metric == null) {
				problems.add(new FieldProblem("metric", AlertingError.METRIC_REQUIRED, new Object[0]));
			}
			else if (!known.containsKey(metric)) {
				problems.add(new FieldProblem("metric", AlertingError.UNKNOWN_METRIC, new Object[] { metric }));
			}
			operator = Comparison.of(input.operator());
			if (operator == null) {
				problems.add(new FieldProblem("operator", AlertingError.BAD_OPERATOR, new Object[0]));
			}
			threshold = finiteOrNull(input.threshold());
			if (threshold == null) {
				problems.add(new FieldProblem("threshold", AlertingError.THRESHOLD_REQUIRED, new Object[0]));
			}
			boolean hasRecoveryOperator = blankToNull(input.recoveryOperator()) != null;
			if (hasRecoveryOperator || input.recoveryThreshold() != null) {
				recoveryOperator = Comparison.of(input.recoveryOperator());
				recoveryThreshold = finiteOrNull(input.recoveryThreshold());
				if (recoveryOperator == null) {
					problems.add(new FieldProblem("recoveryOperator", AlertingError.BAD_OPERATOR, new Object[0]));
				}
				else if (recoveryThreshold == null) {
					problems.add(new FieldProblem("recoveryThreshold", AlertingError.THRESHOLD_REQUIRED, new Object[0]));
				}
				else if (operator != null && threshold != null
						&& !hysteresisValid(operator, threshold, recoveryOperator, recoveryThreshold)) {
					problems.add(new FieldProblem("recoveryThreshold", AlertingError.RECOVERY_OVERLAPS,
							new Object[] { operator.symbol() + " " + plain(threshold) }));
				}
			}
		}
		else if (kind == RuleKind.AVAILABILITY) {
			check = parse(CheckKind.class, input.check());
			if (check == null) {
				problems.add(new FieldProblem("check", AlertingError.CHECK_REQUIRED, new Object[0]));
			}
			else {
				checkValue = finiteOrNull(input.checkValue());
				double[] range = switch (check) {
					case COLLECTION_FAILING -> new double[] { 1, 100 };
					case CERT_EXPIRING, DISK_FULL -> new double[] { 1, 3650 };
					case BASELINE -> new double[] { 0, 1000 };
					default -> null;
				};
				if (range != null) {
					if (checkValue == null && check == CheckKind.BASELINE) {
						checkValue = 0.0;
					}
					if (checkValue == null || checkValue < range[0] || checkValue > range[1]) {
						problems.add(new FieldProblem("checkValue", AlertingError.BAD_CHECK_VALUE,
								new Object[] { plain(range[0]), plain(range[1]) }));
					}
				}
				else {
					checkValue = null;
				}
				if (check == CheckKind.BASELINE) {
					if (metric == null) {
						problems.add(new FieldProblem("metric", AlertingError.METRIC_REQUIRED, new Object[0]));
					}
					else if (!known.containsKey(metric)) {
						problems.add(new FieldProblem("metric", AlertingError.UNKNOWN_METRIC, new Object[] { metric }));
					}
				}
				else {
					metric = null;
				}
			}
		}
		else if (kind == RuleKind.EXPRESSION) {
			expression = input.expression() == null ? "" : input.expression().trim();
			List<String> explained = this.expressions.problems(expression, known.keySet(), locale);
			if (!explained.isEmpty()) {
				problems.add(new FieldProblem("expression", AlertingError.INVALID_EXPRESSION,
						new Object[] { String.join("；", explained) }));
			}
			metric = null;
		}
		if (!problems.isEmpty()) {
			throw OpsGuardException.onFields(AlertingError.INVALID_RULE, problems);
		}
		if (kind != RuleKind.THRESHOLD) {
			forSeconds = kind == RuleKind.AVAILABILITY && check != null && check.eventBased() ? 0 : forSeconds;
			recoverySeconds = kind == RuleKind.AVAILABILITY && check != null && check.eventBased() ? 0 : recoverySeconds;
		}
		return new AlertRule(0, name, blankToNull(input.description()), kind, null, null, null, scope, scopeValue, severity,
				metric, kind == RuleKind.THRESHOLD ? blankToNull(input.instance()) : null, operator, threshold,
				Duration.ofSeconds(forSeconds), recoveryOperator, recoveryThreshold, Duration.ofSeconds(recoverySeconds),
				check, checkValue, expression, input.enabled() == null || input.enabled(),
				input.notifies() == null || input.notifies(), input.openIncident() != null && input.openIncident(), null, null,
				null, 0);
	}

	/**
	 * Whether a recovery condition leaves a gap from the trigger (hysteresis): an alert on
	 * {@code > 90} may recover on {@code < 80}, never on a value that still triggers.
	 */
	static boolean hysteresisValid(Comparison trigger, double threshold, Comparison recovery, double level) {
		boolean up = trigger == Comparison.GT || trigger == Comparison.GE;
		boolean down = trigger == Comparison.LT || trigger == Comparison.LE;
		if (up) {
			return (recovery == Comparison.LT || recovery == Comparison.LE) && level <= threshold;
		}
		if (down) {
			return (recovery == Comparison.GT || recovery == Comparison.GE) && level >= threshold;
		}
		return false;
	}

	private boolean scopeValid(ScopeKind scope, String value) {
		return switch (scope) {
			case ALL -> true;
			case RESOURCE -> {
				Long id = Topology.parseLong(value);
				yield id != null && this.cis.find(id).isPresent();
			}
			case ORGANISATION, BUSINESS_SYSTEM -> value != null && Topology.parseLong(value) != null;
			case CLASS, TAG -> value != null && value.length() <= 100;
			case MONITOR_TYPE -> value != null && this.monitors.defaultThresholds()
				.stream()
				.anyMatch(t -> t.typeId().equals(value));
		};
	}

	// ---- template rules -------------------------------------------------------------------

	@EventListener(ApplicationReadyEvent.class)
	void onReady() {
		try {
			syncTemplates();
		}
		catch (RuntimeException ex) {
			log.warn("Template alert rules could not be brought in step with the monitor types: {}", ex.toString());
		}
	}

	/**
	 * Keeps the template rules in step with the monitor types' default thresholds and the built-in
	 * availability rules: adds the missing ones, changes the untouched ones whose threshold changed,
	 * removes the untouched ones whose threshold is gone. Rules people changed are left alone.
	 */
	@Transactional
	public int syncTemplates() {
		Map<String, AlertRule> wanted = new LinkedHashMap<>();
		for (DefaultThreshold threshold : this.monitors.defaultThresholds()) {
			AlertSeverity severity = AlertSeverity.parse(threshold.severity());
			Comparison operator = Comparison.of(threshold.operator());
			if (severity == null || operator == null) {
				continue;
			}
			String key = threshold.typeId() + ":" + threshold.metric() + ":" + severity.name();
			String name = threshold.typeNameZh() + "：" + threshold.metricNameZh() + " " + operator.symbol() + " "
					+ plain(threshold.value());
			wanted.put(key, new AlertRule(0, name, null, RuleKind.THRESHOLD, AlertRule.TEMPLATE, key, null,
					ScopeKind.MONITOR_TYPE, threshold.typeId(), severity, threshold.metric(), null, operator, threshold.value(),
					threshold.duration() == null ? Duration.ZERO : threshold.duration(), null, null, Duration.ZERO, null, null,
					null, true, true, false, null, null, null, 0));
		}
		for (AlertRule builtIn : BUILT_IN) {
			wanted.put(builtIn.templateKey(), builtIn);
		}
		int changes = 0;
		Instant now = this.clock.instant();
		Map<String, AlertRule> existing = new HashMap<>();
		for (AlertRule rule : this.store.all()) {
			if (rule.templateKey() != null) {
				existing.put(rule.templateKey(), rule);
			}
		}
		for (Map.Entry<String, AlertRule> entry : wanted.entrySet()) {
			AlertRule want = entry.getValue();
			AlertRule have = existing.remove(entry.getKey());
			if (have == null) {
				this.store.insert(copy(want, 0, AlertRule.TEMPLATE, entry.getKey(), null, null, now, now, 0));
				changes++;
			}
			else if (have.version() == 0 && !sameDefinition(have, want)) {
				this.store.update(copy(want, have.id(), AlertRule.TEMPLATE, entry.getKey(), null, null, have.createdAt(), now,
						0));
				changes++;
			}
		}
		for (AlertRule gone : existing.values()) {
			if (gone.version() == 0 && gone.fromTemplate()) {
				this.store.deleteTemplateRule(gone.id());
				changes++;
			}
		}
		if (changes > 0) {
			log.info("Template alert rules: {} added, changed or removed", changes);
			changed();
		}
		return changes;
	}

	private static boolean sameDefinition(AlertRule a, AlertRule b) {
		return a.name().equals(b.name()) && a.severity() == b.severity() && java.util.Objects.equals(a.metric(), b.metric())
				&& a.operator() == b.operator() && java.util.Objects.equals(a.threshold(), b.threshold())
				&& a.forDuration().equals(b.forDuration()) && a.check() == b.check()
				&& java.util.Objects.equals(a.checkValue(), b.checkValue()) && a.scopeKind() == b.scopeKind()
				&& java.util.Objects.equals(a.scopeValue(), b.scopeValue());
	}

	private static AlertRule builtIn(String key, String name, CheckKind check, Double value, AlertSeverity severity) {
		return new AlertRule(0, name, null, RuleKind.AVAILABILITY, AlertRule.TEMPLATE, key, null, ScopeKind.ALL, null,
				severity, null, null, null, null, Duration.ZERO, null, null, Duration.ZERO, check, value, null, true, true,
				false, null, null, null, 0);
	}

	private static AlertRule copy(AlertRule r, long id, String origin, String templateKey, Long overrides, Long createdBy,
			Instant createdAt, Instant updatedAt, int version) {
		return new AlertRule(id, r.name(), r.description(), r.kind(), origin, templateKey, overrides, r.scopeKind(),
				r.scopeValue(), r.severity(), r.metric(), r.instance(), r.operator(), r.threshold(), r.forDuration(),
				r.recoveryOperator(), r.recoveryThreshold(), r.recoveryFor(), r.check(), r.checkValue(), r.expression(),
				r.enabled(), r.notifies(), r.openIncident(), createdBy, createdAt, updatedAt, version);
	}

	// ---- compilation for the evaluation -------------------------------------------------------

	/** The rules as last compiled, and the stamp of the rule table they were compiled from. */
	record Compilation(String stamp, Instant topologyReadAt, List<AlertRule> rules, List<RuleEngine.Compiled> compiled) {
	}

	private void changed() {
		this.compilation = null;
	}

	/** Every rule (enabled or not) compiled against the topology, again only when either changed. */
	List<RuleEngine.Compiled> compiled(Topology.Snapshot topology) {
		String stamp = this.store.stamp();
		Compilation current = this.compilation;
		if (current != null && current.stamp().equals(stamp) && current.topologyReadAt().equals(topology.readAt)) {
			return current.compiled();
		}
		List<AlertRule> rules = this.store.all();
		Map<Long, Set<Long>> overridden = new HashMap<>();
		for (AlertRule rule : rules) {
			if (rule.overridesRuleId() != null) {
				Long resource = Topology.parseLong(rule.scopeValue());
				if (resource != null) {
					overridden.computeIfAbsent(rule.overridesRuleId(), any -> new HashSet<>()).add(resource);
				}
			}
		}
		List<RuleEngine.Compiled> compiled = new ArrayList<>();
		for (AlertRule rule : rules) {
			compiled.add(compile(rule, topology, overridden.getOrDefault(rule.id(), Set.of())));
		}
		this.compilation = new Compilation(stamp, topology.readAt, rules, compiled);
		return compiled;
	}

	/** The rules of the last compilation by id. */
	Map<Long, AlertRule> rulesById() {
		Compilation current = this.compilation;
		Map<Long, AlertRule> byId = new HashMap<>();
		if (current != null) {
			current.rules().forEach(rule -> byId.put(rule.id(), rule));
		}
		return byId;
	}

	RuleEngine.Compiled compile(AlertRule rule, Topology.Snapshot topology, Set<Long> overriddenFor) {
		LongPredicate scope = topology.scope(rule.scopeKind(), rule.scopeValue());
		String monitorType = rule.scopeKind() == ScopeKind.MONITOR_TYPE ? rule.scopeValue() : null;
		boolean everything = rule.scopeKind() == ScopeKind.ALL;
		Predicate<SeriesKey> applies = series -> {
			long resource = RuleEngine.resourceOf(series);
			if (resource < 0) {
				// OpsGuard's own series: only rules for everything watch them
				return everything && series.label(SeriesKey.RESOURCE) == null;
			}
			if (!scope.test(resource) || overriddenFor.contains(resource)) {
				return false;
			}
			return monitorType == null || monitorType.equals(topology.monitorType(series.label(SeriesKey.MONITOR)));
		};
		if (rule.kind() == RuleKind.EXPRESSION && rule.expression() != null) {
			Set<Long> resources = topology.resourcesIn(rule.scopeKind(), rule.scopeValue(), monitorType);
			resources.removeAll(overriddenFor);
			RuleEngine.ExpressionCheck check;
			try {
				check = this.expressions.compile(rule.expression());
			}
			catch (RuntimeException ex) {
				log.warn("Alert rule {} has an expression that no longer compiles: {}", rule.id(), ex.toString());
				check = null;
			}
			return new RuleEngine.Compiled(rule, applies, resources, check);
		}
		return new RuleEngine.Compiled(rule, applies, null, null);
	}

	// ---- helpers --------------------------------------------------------------------------

	static <E extends Enum<E>> E parse(Class<E> type, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		for (E value : type.getEnumConstants()) {
			if (value.name().equalsIgnoreCase(text.trim())) {
				return value;
			}
		}
		return null;
	}

	static String blankToNull(String text) {
		return text == null || text.isBlank() ? null : text.trim();
	}

	static Double finiteOrNull(Double value) {
		return value == null || value.isNaN() || value.isInfinite() ? null : value;
	}

	/** A number without a needless ".0". */
	static String plain(double value) {
		return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value) : Double.toString(value);
	}

}
