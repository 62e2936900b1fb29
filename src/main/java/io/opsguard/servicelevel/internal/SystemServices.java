package io.opsguard.servicelevel.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.opsguard.calendar.BusinessCalendar;
import io.opsguard.calendar.BusinessCalendars;
import io.opsguard.calendar.WorkingDuration;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.cmdb.ConfigurationItems.RelationView;
import io.opsguard.cmdb.RelationType;
import io.opsguard.cmdb.StandbyMode;
import io.opsguard.identity.AuditTrail;
import io.opsguard.identity.CurrentUser;
import io.opsguard.identity.Organisations;
import io.opsguard.servicelevel.TicketType;
import io.opsguard.servicelevel.internal.GapCheck.Outcome;
import io.opsguard.servicelevel.internal.GapCheck.PolicyInForce;
import io.opsguard.servicelevel.internal.GapCheck.Recorded;
import io.opsguard.servicelevel.internal.GradingService.ProposalView;
import io.opsguard.servicelevel.internal.SlaPolicyService.Current;
import io.opsguard.servicelevel.internal.SystemFacts.Facts;
import io.opsguard.servicelevel.internal.SystemLevels.HistoryEntry;
import io.opsguard.servicelevel.internal.SystemLevels.LevelRow;
import io.opsguard.shared.OpsGuardException;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The service picture of each business system: its guarantee level (graded or inherited), the
 * service grade and SLA policy that apply (chosen, or derived from the level: levels 1–2 get a
 * 7×24 policy), what the parties declared, and the gaps between the services its level requires
 * and what is recorded (R-GRD-05, R-GRD-09), one system at a time or as an overview, exportable.
 */
@Service
public class SystemServices {

	private final ConfigurationItems cmdb;

	private final SystemLevels levels;

	private final SystemFacts facts;

	private final SlaPolicyService policies;

	private final GradingService gradings;

	private final BusinessCalendars calendars;

	private final Standards standards;

	private final Organisations organisations;

	private final AuditTrail audit;

	private final MessageSource messages;

	SystemServices(ConfigurationItems cmdb, SystemLevels levels, SystemFacts facts, SlaPolicyService policies,
			GradingService gradings, BusinessCalendars calendars, Standards standards,
			Organisations organisations, AuditTrail audit, MessageSource messages) {
		this.cmdb = cmdb;
		this.levels = levels;
		this.facts = facts;
		this.policies = policies;
		this.gradings = gradings;
		this.calendars = calendars;
		this.standards = standards;
		this.organisations = organisations;
		this.audit = audit;
		this.messages = messages;
	}

	// ---- overview -------------------------------------------------------------------------

	/** The systems in the caller's scope, filtered by organisation subtree, level (0: ungraded) and text. */
	@Transactional(readOnly = true)
	public List<SystemSummary> systems(CurrentUser user, Long organisationId, Integer level, String q, Boolean onlyGaps,
			Locale locale) {
		Context context = context();
		Set<Long> subtree = organisationId == null ? null : this.organisations.subtree(organisationId);
		String needle = q == null || q.isBlank() ? null : q.strip().toLowerCase(Locale.ROOT);
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
			if (level != null && !(level == 0 ? effective == null : level.equals(effective))) {
				continue;
			}
			List<GapCheck.Result> gaps = gaps(system, row, context);
			long gapCount = gaps.stream().filter(g -> g.outcome() == Outcome.GAP).count() + (effective == null ? 1 : 0);
			if (Boolean.TRUE.equals(onlyGaps) && gapCount == 0) {
				continue;
			}
			result.add(summary(system, row, context, gaps, gapCount, locale));
		}
		return result;
	}

	@Transactional(readOnly = true)
	public SystemDetail system(CurrentUser user, long systemId, Locale locale) {
		CiView system = this.gradings.visibleSystem(user, systemId);
		Context context = context(system);
		LevelRow row = context.rows().get(systemId);
		List<GapCheck.Result> gaps = gaps(system, row, context);
		long gapCount = gaps.stream().filter(g -> g.outcome() == Outcome.GAP).count()
				+ (row == null || row.effectiveLevel() == null ? 1 : 0);
		SystemSummary summary = summary(system, row, context, gaps, gapCount, locale);
		Current policy = policyInForce(row, context);
		List<TargetView> targets = new ArrayList<>();
		for (int faultLevel = 1; faultLevel <= 4; faultLevel++) {
			SlaDefinition.Target t = policy.definition().target(TicketType.INCIDENT, faultLevel);
			targets.add(new TargetView(faultLevel, t.response(), t.onSite(), t.resolution(), t.updateInterval()));
		}
		List<HistoryView> history = this.levels.history(systemId).stream().map(h -> history(h, context, locale)).toList();
		List<ProposalView> proposals = this.gradings.proposalsOf(systemId).stream().map(p -> this.gradings.view(p, user)).toList();
		Standards.GuaranteeLevel standard = summary.level() == null ? null : this.standards.level(summary.level()).orElse(null);
		return new SystemDetail(summary, standard, this.facts.of(systemId), targets, gapViews(gaps, locale), history, proposals,
				attributes(system));
	}

	private static Map<String, Object> attributes(CiView system) {
		Map<String, Object> parties = new LinkedHashMap<>();
		for (String key : List.of("category", "businessParty", "technicalAuthority", "technicalUndertaker", "omParty",
				"goLiveDate", "applicationSupport")) {
			parties.put(key, system.attributes().get(key));
		}
		return parties;
	}

	private HistoryView history(HistoryEntry h, Context context, Locale locale) {
		String cause = this.messages.getMessage("servicelevel.cause." + h.cause().name(), null, h.cause().name(), locale);
		String causeSystem = h.causeSystemId() == null ? null
				: context.byId().containsKey(h.causeSystemId()) ? context.byId().get(h.causeSystemId()).name()
						: this.cmdb.find(h.causeSystemId()).map(CiView::name).orElse("#" + h.causeSystemId());
		return new HistoryView(h.level(), h.previousLevel(), h.cause(), cause, h.gradingId(), h.causeSystemId(), causeSystem,
				h.detail(), h.changedAt(), h.changedBy());
	}

	// ---- writing --------------------------------------------------------------------------

	@Transactional
	public SystemDetail saveFacts(CurrentUser user, long systemId, Facts input, Locale locale) {
		CiView system = this.gradings.visibleSystem(user, systemId);
		if (input == null) {
			throw OpsGuardException.onField("backupPolicy", ServiceLevelError.TOO_LONG, 2000);
		}
		if (input.backupPolicy() != null && input.backupPolicy().length() > 2000) {
			throw OpsGuardException.onField("backupPolicy", ServiceLevelError.TOO_LONG, 2000);
		}
		if (input.monitoringRequirements() != null && input.monitoringRequirements().length() > 2000) {
			throw OpsGuardException.onField("monitoringRequirements", ServiceLevelError.TOO_LONG, 2000);
		}
		Facts before = this.facts.of(systemId);
		this.facts.save(systemId, input, user.id());
		this.audit.recordChange("SYSTEM_FACTS_UPDATED", "BUSINESS_SYSTEM", systemId, factsView(system, before),
				factsView(system, this.facts.of(systemId)));
		return system(user, systemId, locale);
	}

	private static Map<String, Object> factsView(CiView system, Facts f) {
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
	public SystemDetail assign(CurrentUser user, long systemId, Integer serviceGrade, String slaPolicy, Locale locale) {
		CiView system = this.gradings.visibleSystem(user, systemId);
		if (serviceGrade != null && (serviceGrade < 1 || serviceGrade > 4)) {
			throw OpsGuardException.onField("serviceGrade", ServiceLevelError.BAD_SERVICE_GRADE, serviceGrade);
		}
		String policy = null;
		if (slaPolicy != null && !slaPolicy.isBlank()) {
			policy = this.policies.visible(user, slaPolicy.strip()).code();
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
		return system(user, systemId, locale);
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

	/** The gap overview as a workbook: one row per system and item that is required. */
	@Transactional(readOnly = true)
	public byte[] exportGaps(CurrentUser user, Long organisationId, Integer level, String q, Boolean onlyGaps,
			Locale locale) {
		List<SystemSummary> systems = systems(user, organisationId, level, q, onlyGaps, locale);
		Context context = context();
		boolean en = Standards.en(locale);
		try (XSSFWorkbook workbook = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
			CellStyle bold = workbook.createCellStyle();
			Font font = workbook.createFont();
			font.setBold(true);
			bold.setFont(font);
			Sheet overview = workbook.createSheet(en ? "Overview" : "总览");
			String[] head = en ? new String[] { "Code", "Business system", "Organisation", "Level", "Inherited from", "Service grade",
					"SLA policy", "Gaps" }
					: new String[] { "编码", "业务系统", "机构", "保障等级", "继承自", "服务分级", "SLA 策略", "差距项数" };
			header(overview, head, bold);
			int r = 1;
			for (SystemSummary s : systems) {
				Row row = overview.createRow(r++);
				row.createCell(0).setCellValue(s.code());
				row.createCell(1).setCellValue(s.name());
				row.createCell(2).setCellValue(s.organisationName() == null ? "" : s.organisationName());
				row.createCell(3).setCellValue(s.level() == null ? (en ? "Not graded" : "未定级") : String.valueOf(s.level()));
				row.createCell(4).setCellValue(s.inheritedFromName() == null ? "" : s.inheritedFromName());
				row.createCell(5).setCellValue(s.serviceGrade() == null ? "" : String.valueOf(s.serviceGrade()));
				row.createCell(6).setCellValue(s.slaPolicyName());
				row.createCell(7).setCellValue(s.gapCount());
			}
			Sheet details = workbook.createSheet(en ? "Gaps" : "差距明细");
			header(details, en ? new String[] { "Business system", "Level", "Service item", "Area", "Finding" }
					: new String[] { "业务系统", "保障等级", "服务内容", "类别", "情况" }, bold);
			r = 1;
			for (SystemSummary s : systems) {
				CiView system = context.byId().get(s.id());
				for (GapView gap : gapViews(gaps(system, context.rows().get(s.id()), context), locale)) {
					if (!gap.status().equals(Outcome.GAP.name())) {
						continue;
					}
					Row row = details.createRow(r++);
					row.createCell(0).setCellValue(s.name());
					row.createCell(1).setCellValue(s.level() == null ? "" : String.valueOf(s.level()));
					row.createCell(2).setCellValue(gap.name());
					row.createCell(3).setCellValue(gap.group());
					row.createCell(4).setCellValue(gap.finding());
				}
			}
			for (Sheet sheet : List.of(overview, details)) {
				for (int c = 0; c < 8; c++) {
					sheet.setColumnWidth(c, (c == 1 || c == 2 || c == 4 ? 36 : 16) * 256);
				}
			}
			workbook.write(out);
			this.audit.recordNow("SERVICE_GAPS_EXPORTED", "SERVICE_GAPS", null, systems.size() + " systems", true);
			return out.toByteArray();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void header(Sheet sheet, String[] head, CellStyle bold) {
		Row row = sheet.createRow(0);
		for (int i = 0; i < head.length; i++) {
			row.createCell(i).setCellValue(head[i]);
			row.getCell(i).setCellStyle(bold);
		}
	}

	/** Everything the checks need, read once per request. */
	record Context(List<CiView> systems, Map<Long, CiView> byId, Map<Long, LevelRow> rows, Map<Long, Facts> facts,
			Map<Long, Set<StandbyMode>> standbys, Map<Long, Integer> backups, Map<Long, Long> pending,
			Map<String, Current> policies, Map<String, PolicyInForce> inForce) {
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
				backups(this.cmdb.relationsOfType(RelationType.BACKS_UP)), this.gradings.pending(), new HashMap<>(),
				new HashMap<>());
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
		Map<Long, Facts> facts = new HashMap<>();
		this.facts.find(system.id()).ifPresent(f -> facts.put(system.id(), f));
		Map<Long, Long> pending = new HashMap<>();
		Long proposal = this.gradings.pending().get(system.id());
		if (proposal != null) {
			pending.put(system.id(), proposal);
		}
		return new Context(List.of(system), byId, rows, facts, standbys(this.cmdb.relationsOfType(RelationType.STANDBY_OF)),
				backups(this.cmdb.relationsOfType(RelationType.BACKS_UP)), pending, new HashMap<>(), new HashMap<>());
	}

	/** The system's own policy, else its level's, else the default (R-SLA-04). */
	private Current policyInForce(LevelRow row, Context context) {
		String code = SlaPoliciesFacade.policyCode(row);
		return context.policies()
			.computeIfAbsent(code.toLowerCase(Locale.ROOT), k -> this.policies.current(code)
				.orElseGet(() -> this.policies.current(SlaPolicyService.DEFAULT_POLICY).orElseThrow()));
	}

	private List<GapCheck.Result> gaps(CiView system, LevelRow row, Context context) {
		Integer level = row == null ? null : row.effectiveLevel();
		Set<Long> parts = new java.util.HashSet<>(this.cmdb.componentsOf(system.id()));
		Set<Long> covered = new java.util.HashSet<>(parts);
		covered.add(system.id());
		Set<StandbyMode> standbys = EnumSet.noneOf(StandbyMode.class);
		int backups = 0;
		for (long ci : covered) {
			standbys.addAll(context.standbys().getOrDefault(ci, Set.of()));
			backups += context.backups().getOrDefault(ci, 0);
		}
		Current policy = policyInForce(row, context);
		PolicyInForce inForce = context.inForce().computeIfAbsent(policy.row().code(), code -> {
			BusinessCalendar calendar = this.calendars.current(policy.definition().calendar()).orElse(null);
			return calendar == null ? null
					: new PolicyInForce(policy.row().code(), policy.row().nameZh(), calendar,
							parse(policy.definition().target(TicketType.INCIDENT, 1).resolution()));
		});
		Recorded recorded = new Recorded(level, context.facts().getOrDefault(system.id(), Facts.none()), parts.size(),
				standbys, backups, inForce);
		String recovery = level == null ? null : this.standards.level(level).map(Standards.GuaranteeLevel::recovery).orElse(null);
		return GapCheck.check(this.standards.items(), recorded, recovery);
	}

	private static WorkingDuration parse(String value) {
		return value == null || value.isBlank() ? null : WorkingDuration.parse(value);
	}

	private List<GapView> gapViews(List<GapCheck.Result> results, Locale locale) {
		return results.stream()
			.map(g -> new GapView(g.item().code(), g.item().group(locale), g.item().name(locale), g.required(),
					g.outcome().name(), this.messages.getMessage(g.key(), g.args(), g.key(), locale)))
			.toList();
	}

	private SystemSummary summary(CiView system, LevelRow row, Context context, List<GapCheck.Result> gaps, long gapCount,
			Locale locale) {
		Integer level = row == null ? null : row.effectiveLevel();
		Integer graded = row == null ? null : row.gradedLevel();
		Long inheritedFrom = row == null ? null : row.inheritedFrom();
		String inheritedName = inheritedFrom == null ? null
				: context.byId().containsKey(inheritedFrom) ? context.byId().get(inheritedFrom).name() : "#" + inheritedFrom;
		Integer grade = row != null && row.serviceGrade() != null ? row.serviceGrade()
				: level == null ? null : SlaPoliciesFacade.serviceGrade(level);
		boolean gradeDerived = row == null || row.serviceGrade() == null;
		Current policy = policyInForce(row, context);
		boolean policyDerived = row == null || row.slaPolicyCode() == null;
		return new SystemSummary(system.id(), system.code(), system.name(), system.organisationId(),
				this.organisations.find(system.organisationId()).map(o -> o.name()).orElse(null),
				Boolean.TRUE.equals(system.attributes().get(SystemLevels.APPLICATION_SUPPORT)), graded, level, inheritedFrom,
				inheritedName, grade, gradeDerived, policy.row().code(),
				Standards.en(locale) ? policy.row().nameEn() : policy.row().nameZh(), policyDerived,
				policy.definition().calendar(), context.pending().get(system.id()), (int) gapCount,
				row == null ? null : row.updatedAt());
	}

	// ---- views ----------------------------------------------------------------------------

	public record SystemSummary(long id, String code, String name, long organisationId, String organisationName,
			boolean applicationSupport, Integer gradedLevel, Integer level, Long inheritedFrom, String inheritedFromName,
			Integer serviceGrade, boolean serviceGradeDerived, String slaPolicy, String slaPolicyName,
			boolean slaPolicyDerived, String calendar, Long pendingProposalId, int gapCount, Instant levelUpdatedAt) {
	}

	public record TargetView(int faultLevel, String response, String onSite, String resolution, String updateInterval) {
	}

	public record GapView(String code, String group, String name, boolean required, String status, String finding) {
	}

	public record HistoryView(Integer level, Integer previousLevel, SystemLevels.Cause cause, String causeLabel,
			Long gradingId, Long causeSystemId, String causeSystemName, String detail, Instant changedAt, Long changedBy) {
	}

	public record SystemDetail(SystemSummary system, Standards.GuaranteeLevel standard, Facts facts,
			List<TargetView> incidentTargets, List<GapView> gaps, List<HistoryView> history, List<ProposalView> proposals,
			Map<String, Object> parties) {
	}

}
