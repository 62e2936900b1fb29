package io.opsguard.servicelevel.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.calendar.WorkingDuration;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.cmdb.ConfigurationItems.RelationView;
import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.StandbyMode;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.servicelevel.internal.GapCheck.Named;
import io.opsguard.servicelevel.internal.GapCheck.Recorded;
import io.opsguard.servicelevel.internal.GradingService.Proposal;
import io.opsguard.servicelevel.internal.PoliciesInForce.Policy;
import io.opsguard.servicelevel.internal.SystemLevels.HistoryEntry;
import io.opsguard.servicelevel.internal.SystemLevels.LevelRow;
import io.opsguard.shared.OpsGuardException;
import io.opsguard.shared.PageQuery;
import io.opsguard.shared.PageResult;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service picture of each business system: its guarantee level (graded or inherited), the
 * service grade and SLA policy that apply (chosen, or derived from the level: levels 1–2 get a
 * 7×24 policy), what the parties declared, and the gaps between the services its level requires
 * and what is recorded (R-GRD-05, R-GRD-09), one system at a time or as a paged overview.
 */
@Service
public class SystemServices {

	private static final int MAX_DECLARATION = 2000;

	private final ConfigurationItems cmdb;

	private final SystemLevels levels;

	private final FactsStore facts;

	private final PoliciesInForce policies;

	private final GradingService gradings;

	private final Standards standards;

	private final Organisations organisations;

	private final AuditTrail audit;

	SystemServices(ConfigurationItems cmdb, SystemLevels levels, FactsStore facts, PoliciesInForce policies,
			GradingService gradings, Standards standards, Organisations organisations, AuditTrail audit) {
		this.cmdb = cmdb;
		this.levels = levels;
		this.facts = facts;
		this.policies = policies;
		this.gradings = gradings;
		this.standards = standards;
		this.organisations = organisations;
		this.audit = audit;
	}

	// ---- overview -------------------------------------------------------------------------

	/**
	 * A page of the systems in the caller's scope, filtered by organisation subtree, level (0:
	 * ungraded), text and "only with gaps", sorted by {@code sort} ({@code field,asc|desc}: name,
	 * code, organisationName, level, serviceGrade, slaPolicy, gapCount, levelUpdatedAt).
	 */
	@Transactional(readOnly = true)
	public PageResult<SystemSummary> systems(CurrentUser user, SystemFilter filter, Integer page, Integer size, String sort) {
		PageQuery paging = PageQuery.of(page, size, sort, SystemOrder.FIELDS, SystemOrder.DEFAULT);
		List<SystemSummary> all = new ArrayList<>(all(user, filter));
		all.sort(SystemOrder.of(paging.orderBy()));
		int from = (int) Math.min(all.size(), paging.offset());
		int to = Math.min(all.size(), from + paging.size());
		return new PageResult<>(List.copyOf(all.subList(from, to)), all.size(), paging.page(), paging.size());
	}

	/** Every system the filter selects, by name (for the export and the figures). */
	@Transactional(readOnly = true)
	public List<SystemSummary> all(CurrentUser user, SystemFilter filter) {
		Context context = context();
		Set<Long> subtree = filter.organisationId() == null ? null : this.organisations.subtree(filter.organisationId());
		String needle = filter.q() == null || filter.q().isBlank() ? null : filter.q().strip().toLowerCase(Locale.ROOT);
		List<SystemSummary> result = new ArrayList<>();
		for (CiView system : context.systems()) {
			if (!user.scope().includes(system.organisationId()) || (subtree != null && !subtree.contains(system.organisationId()))) {
				continue;
			}
			if (needle != null && !system.name().toLowerCase(Locale.ROOT).contains(needle)
					&& !system.code().toLowerCase(Locale.ROOT).contains(needle)) {
				continue;
			}
			LevelRow row = context.rows().get(system.id());
			Integer effective = row == null ? null : row.effectiveLevel();
			Integer level = filter.level();
			if (level != null && !(level == 0 ? effective == null : level.equals(effective))) {
				continue;
			}
			SystemSummary summary = summary(system, row, context);
			if (Boolean.TRUE.equals(filter.onlyGaps()) && summary.gapCount() == 0) {
				continue;
			}
			result.add(summary);
		}
		result.sort(SystemOrder.of(SystemOrder.DEFAULT));
		return result;
	}

	/** Per level (0: not graded), how many systems the filter selects, how many have gaps, and how many gaps. */
	@Transactional(readOnly = true)
	public List<LevelFigures> figures(CurrentUser user, SystemFilter filter) {
		Map<Integer, long[]> byLevel = new LinkedHashMap<>();
		for (int level = 1; level <= 5; level++) {
			byLevel.put(level, new long[3]);
		}
		byLevel.put(0, new long[3]);
		for (SystemSummary s : all(user, filter)) {
			long[] f = byLevel.get(s.level() == null ? 0 : s.level());
			f[0]++;
			f[1] += s.gapCount() > 0 ? 1 : 0;
			f[2] += s.gapCount();
		}
		List<LevelFigures> figures = new ArrayList<>();
		byLevel.forEach((level, f) -> figures.add(new LevelFigures(level, f[0], f[1], f[2])));
		return figures;
	}

	@Transactional(readOnly = true)
	public SystemDetail system(CurrentUser user, long systemId) {
		CiView system = this.gradings.visibleSystem(user, systemId);
		Context context = context(system);
		LevelRow row = context.rows().get(systemId);
		SystemSummary summary = summary(system, row, context);
		Policy policy = context.policies().of(row);
		List<HistoryEntry> history = this.levels.history(systemId);
		Map<Long, String> names = new HashMap<>();
		for (HistoryEntry h : history) {
			for (Long id : new Long[] { h.causeSystemId(), h.originSystemId() }) {
				if (id != null) {
					names.computeIfAbsent(id, k -> this.cmdb.find(k).map(CiView::name).orElse("#" + k));
				}
			}
		}
		Standards.GuaranteeLevel standard = summary.level() == null ? null : this.standards.level(summary.level()).orElse(null);
		return new SystemDetail(summary, standard, this.facts.of(systemId), policy.incidentTargets(), history, names,
				this.gradings.proposalsOf(systemId), attributes(system));
	}

	private static Map<String, Object> attributes(CiView system) {
		Map<String, Object> parties = new LinkedHashMap<>();
		for (String key : List.of("category", "businessParty", "technicalAuthority", "technicalUndertaker", "omParty",
				"goLiveDate", "applicationSupport")) {
			parties.put(key, system.attributes().get(key));
		}
		return parties;
	}

	// ---- writing --------------------------------------------------------------------------

	@Transactional
	public SystemDetail saveFacts(CurrentUser user, long systemId, SystemFacts input) {
		CiView system = this.gradings.visibleSystem(user, systemId);
		if (input == null) {
			throw OpsGuardException.onField("backupPolicy", ServiceLevelError.TOO_LONG, MAX_DECLARATION);
		}
		if (input.backupPolicy() != null && input.backupPolicy().length() > MAX_DECLARATION) {
			throw OpsGuardException.onField("backupPolicy", ServiceLevelError.TOO_LONG, MAX_DECLARATION);
		}
		if (input.monitoringRequirements() != null && input.monitoringRequirements().length() > MAX_DECLARATION) {
			throw OpsGuardException.onField("monitoringRequirements", ServiceLevelError.TOO_LONG, MAX_DECLARATION);
		}
		SystemFacts before = this.facts.of(systemId);
		this.facts.save(systemId, input, user.id());
		this.audit.recordChange("SYSTEM_FACTS_UPDATED", "BUSINESS_SYSTEM", systemId, factsView(system, before),
				factsView(system, this.facts.of(systemId)));
		return system(user, systemId);
	}

	private static Map<String, Object> factsView(CiView system, SystemFacts f) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("system", system.name());
		view.put("backupPolicy", f.backupPolicy() == null ? "" : f.backupPolicy());
		view.put("monitoringRequirements", f.monitoringRequirements() == null ? "" : f.monitoringRequirements());
		view.put("systemMonitoring", f.systemMonitoring());
		view.put("applicationMonitoring", f.applicationMonitoring());
		view.put("performanceSupport", f.performanceSupport());
		view.put("statisticsReports", f.statisticsReports());
		view.put("businessParty7x24", f.businessParty7x24());
		return view;
	}

	/** Chooses the service grade and SLA policy of a system; null keeps the one derived from the level. */
	@Transactional
	public SystemDetail assign(CurrentUser user, long systemId, Integer serviceGrade, String slaPolicy) {
		CiView system = this.gradings.visibleSystem(user, systemId);
		if (serviceGrade != null && (serviceGrade < 1 || serviceGrade > 4)) {
			throw OpsGuardException.onField("serviceGrade", ServiceLevelError.BAD_SERVICE_GRADE, serviceGrade);
		}
		String policy = null;
		if (slaPolicy != null && !slaPolicy.isBlank()) {
			policy = this.policies.choosable(user, slaPolicy.strip());
		}
		LevelRow before = this.levels.row(systemId).orElse(null);
		this.levels.assign(systemId, serviceGrade, policy);
		Map<String, Object> was = new LinkedHashMap<>();
		was.put("serviceGrade", before == null || before.serviceGrade() == null ? "" : before.serviceGrade());
		was.put("slaPolicy", before == null || before.slaPolicyCode() == null ? "" : before.slaPolicyCode());
		Map<String, Object> now = new LinkedHashMap<>();
		now.put("serviceGrade", serviceGrade == null ? "" : serviceGrade);
		now.put("slaPolicy", policy == null ? "" : policy);
		this.audit.recordChange("SYSTEM_SERVICE_ASSIGNED", "BUSINESS_SYSTEM", system.id(), was, now);
		return system(user, systemId);
	}

	/** The gap overview of {@code systems} systems was exported. */
	@Transactional
	public void exported(int systems) {
		this.audit.recordNow("SERVICE_GAPS_EXPORTED", "SERVICE_GAPS", null, systems + " systems", true);
	}

	/** Refuses a system the caller may not see, for requests that name it in a parameter. */
	@Transactional(readOnly = true)
	public void requireVisible(CurrentUser user, long systemId) {
		this.gradings.businessSystem(user, systemId);
	}

	/** The systems that chose a policy (a policy they chose cannot be deleted). */
	@Transactional(readOnly = true)
	public List<String> systemsUsing(String policyCode) {
		return this.levels.systemsWithPolicy(policyCode)
			.stream()
			.map(id -> this.cmdb.find(id).map(CiView::name).orElse("#" + id))
			.toList();
	}

	// ---- gaps -----------------------------------------------------------------------------

	/** Everything the checks need, read once per request. */
	record Context(List<CiView> systems, Map<Long, CiView> byId, Map<Long, LevelRow> rows, Map<Long, SystemFacts> facts,
			Map<Long, Set<StandbyMode>> standbys, Map<Long, Integer> backups, Map<Long, Long> pending,
			PoliciesInForce.Session policies) {
	}

	/** Standby modes by the CI they stand by for. */
	private static Map<Long, Set<StandbyMode>> standbys(List<RelationView> relations) {
		Map<Long, Set<StandbyMode>> byTarget = new HashMap<>();
		for (RelationView r : relations) {
			if (r.standbyMode() != null) {
				byTarget.computeIfAbsent(r.targetId(), k -> EnumSet.noneOf(StandbyMode.class)).add(r.standbyMode());
			}
		}
		return byTarget;
	}

	/** Backup relations by the CI they back up. */
	private static Map<Long, Integer> backups(List<RelationView> relations) {
		Map<Long, Integer> byTarget = new HashMap<>();
		relations.forEach(r -> byTarget.merge(r.targetId(), 1, Integer::sum));
		return byTarget;
	}

	/** Everything read once, so an overview of hundreds of systems costs a handful of queries. */
	private Context context() {
		List<CiView> systems = this.cmdb.businessSystems();
		Map<Long, CiView> byId = new HashMap<>();
		systems.forEach(s -> byId.put(s.id(), s));
		return new Context(systems, byId, this.levels.rows(), this.facts.all(),
				standbys(this.cmdb.relationsOfType(RelationType.STANDBY_OF)),
				backups(this.cmdb.relationsOfType(RelationType.BACKS_UP)), this.gradings.pending(), this.policies.session());
	}

	/** What one system's page needs: that system, its row and facts (names of others are looked up). */
	private Context context(CiView system) {
		Map<Long, CiView> byId = new HashMap<>();
		byId.put(system.id(), system);
		Map<Long, LevelRow> rows = new HashMap<>();
		this.levels.row(system.id()).ifPresent(r -> {
			rows.put(r.systemId(), r);
			if (r.inheritedFrom() != null) {
				this.cmdb.find(r.inheritedFrom()).ifPresent(c -> byId.put(c.id(), c));
			}
		});
		Map<Long, SystemFacts> facts = new HashMap<>();
		this.facts.find(system.id()).ifPresent(f -> facts.put(system.id(), f));
		Map<Long, Long> pending = new HashMap<>();
		Long proposal = this.gradings.pending().get(system.id());
		if (proposal != null) {
			pending.put(system.id(), proposal);
		}
		return new Context(List.of(system), byId, rows, facts, standbys(this.cmdb.relationsOfType(RelationType.STANDBY_OF)),
				backups(this.cmdb.relationsOfType(RelationType.BACKS_UP)), pending, this.policies.session());
	}

	private List<GapCheck.Result> gaps(CiView system, Integer level, Policy policy, Context context) {
		Set<Long> parts = new HashSet<>(this.cmdb.componentsOf(system.id()));
		Set<Long> covered = new HashSet<>(parts);
		covered.add(system.id());
		Set<StandbyMode> standbys = EnumSet.noneOf(StandbyMode.class);
		int backups = 0;
		for (long ci : covered) {
			standbys.addAll(context.standbys().getOrDefault(ci, Set.of()));
			backups += context.backups().getOrDefault(ci, 0);
		}
		Recorded recorded = new Recorded(level, context.facts().getOrDefault(system.id(), SystemFacts.none()), parts.size(),
				standbys, backups, policy.check());
		WorkingDuration recovery = level == null ? null
				: this.standards.level(level).map(l -> WorkingDuration.parse(l.recovery())).orElse(null);
		return GapCheck.check(this.standards.items(), recorded, recovery);
	}

	private SystemSummary summary(CiView system, LevelRow row, Context context) {
		Integer level = row == null ? null : row.effectiveLevel();
		Integer graded = row == null ? null : row.gradedLevel();
		Long inheritedFrom = row == null ? null : row.inheritedFrom();
		String inheritedName = inheritedFrom == null ? null
				: context.byId().containsKey(inheritedFrom) ? context.byId().get(inheritedFrom).name() : "#" + inheritedFrom;
		Integer grade = row != null && row.serviceGrade() != null ? row.serviceGrade()
				: level == null ? null : SlaPoliciesFacade.serviceGrade(level);
		boolean gradeDerived = row == null || row.serviceGrade() == null;
		Policy policy = context.policies().of(row);
		boolean policyDerived = row == null || row.slaPolicyCode() == null;
		List<GapCheck.Result> gaps = gaps(system, level, policy, context);
		return new SystemSummary(system.id(), system.code(), system.name(), system.organisationId(),
				this.organisations.find(system.organisationId()).map(o -> o.name()).orElse(null),
				Boolean.TRUE.equals(system.attributes().get(SystemLevels.APPLICATION_SUPPORT)), graded, level, inheritedFrom,
				inheritedName, grade, gradeDerived, policy.code(), policy.name(), policyDerived, policy.calendarCode(),
				policy.calendarName(), context.pending().get(system.id()), (int) GapCheck.gapCount(gaps),
				row == null ? null : row.updatedAt(), gaps);
	}

	// ---- domain records ---------------------------------------------------------------------

	/** What the overview lists: organisation subtree, level (0: not graded), text in name or code, only with gaps. */
	public record SystemFilter(Long organisationId, Integer level, String q, Boolean onlyGaps) {
	}

	/** A system's level, service grade, policy in force and gaps. */
	public record SystemSummary(long id, String code, String name, long organisationId, String organisationName,
			boolean applicationSupport, Integer gradedLevel, Integer level, Long inheritedFrom, String inheritedFromName,
			Integer serviceGrade, boolean serviceGradeDerived, String slaPolicy, Named slaPolicyName,
			boolean slaPolicyDerived, String calendar, Named calendarName, Long pendingProposalId, int gapCount,
			Instant levelUpdatedAt, List<GapCheck.Result> gaps) {
	}

	/** The figures of one level (0: not graded). */
	public record LevelFigures(int level, long systems, long withGaps, long gaps) {
	}

	/** A system's page: its summary, the standard's level, declarations, targets, history and gradings. */
	public record SystemDetail(SystemSummary system, Standards.GuaranteeLevel standard, SystemFacts facts,
			List<PoliciesInForce.Target> incidentTargets, List<HistoryEntry> history, Map<Long, String> systemNames,
			List<Proposal> proposals, Map<String, Object> parties) {
	}

}
