package io.opsguard.servicelevel.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.opsguard.calendar.BusinessCalendars;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.cmdb.ConfigurationItems.CiView;
import io.opsguard.servicelevel.internal.SlaDefinition.Target;
import io.opsguard.servicelevel.internal.SlaPolicyService.Kind;
import io.opsguard.shared.SystemNotes;
import io.opsguard.shared.definition.DefinitionErrors;
import io.opsguard.shared.definition.DefinitionType;
import io.opsguard.shared.definition.Preset;
import io.opsguard.shared.definition.Usage;

/**
 * SLA policies as versioned definitions (ADR 0009, R-SLA-04): {@code sl_sla_policy}. Presets: the
 * four service grades of GB/T 34077.3 §5.3.6, the provincial O&M contract (fault levels 1–4: respond
 * in 30 minutes; resolve in 24 / 24 / 8 / 8 hours; holiday on-call on site within 2 hours) and the
 * HS/T 42 recovery deadlines of the five guarantee levels. A policy a business system chose is in use.
 */
final class SlaPolicyType implements DefinitionType<SlaDefinition> {

	static final DefinitionErrors ERRORS = new DefinitionErrors(ServiceLevelError.UNKNOWN_POLICY,
			ServiceLevelError.POLICY_CODE_TAKEN, ServiceLevelError.BAD_POLICY_CODE, ServiceLevelError.NAME_REQUIRED,
			ServiceLevelError.OUT_OF_SCOPE, ServiceLevelError.POLICY_BUILT_IN, ServiceLevelError.STALE_VERSION,
			ServiceLevelError.POLICY_IN_USE, ServiceLevelError.UNKNOWN_POLICY_VERSION);

	/** A preset and the kind of policy it is. */
	record KindedPreset(Preset<SlaDefinition> preset, Kind kind) {
	}

	static final List<KindedPreset> PRESETS = presetList();

	private final BusinessCalendars calendars;

	private final SystemLevels levels;

	private final ConfigurationItems cmdb;

	SlaPolicyType(BusinessCalendars calendars, SystemLevels levels, ConfigurationItems cmdb) {
		this.calendars = calendars;
		this.levels = levels;
		this.cmdb = cmdb;
	}

	@Override
	public String table() {
		return "sl_sla_policy";
	}

	@Override
	public Class<SlaDefinition> contentType() {
		return SlaDefinition.class;
	}

	@Override
	public String auditTarget() {
		return "SLA_POLICY";
	}

	@Override
	public DefinitionErrors errors() {
		return ERRORS;
	}

	@Override
	public SlaDefinition validate(SlaDefinition content) {
		return content.checked(code -> this.calendars.current(code).isPresent());
	}

	/** A new policy that is neither given nor copied starts as the platform's default, the provincial contract. */
	@Override
	public SlaDefinition blank() {
		return SlaDefinition.provincialContract();
	}

	@Override
	public List<Preset<SlaDefinition>> presets() {
		return PRESETS.stream().map(KindedPreset::preset).toList();
	}

	@Override
	public List<Usage> usesOf(String code) {
		return this.levels.systemsWithPolicy(code)
			.stream()
			.map(id -> Usage.of("businessSystem", String.valueOf(id),
					this.cmdb.find(id).map(CiView::name).orElse("#" + id)))
			.toList();
	}

	@Override
	public Map<String, Object> auditView(SlaDefinition d) {
		Map<String, Object> view = new LinkedHashMap<>();
		view.put("calendar", d.calendar());
		StringBuilder targets = new StringBuilder();
		for (Target t : d.targets()) {
			targets.append(t.ticketType() == null ? "" : t.ticketType() + " ")
				.append(t.faultLevel())
				.append(": ")
				.append(t.response())
				.append('/')
				.append(t.onSite() == null ? "-" : t.onSite())
				.append('/')
				.append(t.resolution())
				.append("; ");
		}
		view.put("targets", targets.toString().strip());
		view.put("warnAt", d.warnAt().toString());
		return view;
	}

	private static List<KindedPreset> presetList() {
		List<KindedPreset> presets = new ArrayList<>();
		presets.add(preset("GB-GRADE-1", "一级服务（GB/T 34077.3）", "Service grade 1 (GB/T 34077.3)", Kind.SERVICE_GRADE,
				SlaDefinition.uniform("7x24", "PT5M", "PT5M", "PT2H"), "sla.grade1"));
		presets.add(preset("GB-GRADE-2", "二级服务（GB/T 34077.3）", "Service grade 2 (GB/T 34077.3)", Kind.SERVICE_GRADE,
				SlaDefinition.uniform("7x24", "PT15M", "PT2H", "PT4H"), "sla.grade"));
		presets.add(preset("GB-GRADE-3", "三级服务（GB/T 34077.3）", "Service grade 3 (GB/T 34077.3)", Kind.SERVICE_GRADE,
				SlaDefinition.uniform("5x8", "PT30M", "PT6H", "PT8H"), "sla.grade"));
		presets.add(preset("GB-GRADE-4", "四级服务（GB/T 34077.3）", "Service grade 4 (GB/T 34077.3)", Kind.SERVICE_GRADE,
				SlaDefinition.uniform("5x8", "PT30M", "P1D", "PT24H"), "sla.grade4"));
		presets.add(preset(SlaPolicyService.DEFAULT_POLICY, "省级运维合同", "Provincial O&M contract", Kind.CONTRACT,
				SlaDefinition.provincialContract(), "sla.contract"));
		String[] recovery = { "PT2H", "PT4H", "P1D", "P2D", "P3D" };
		String[] names = { "一", "二", "三", "四", "五" };
		for (int level = 1; level <= 5; level++) {
			presets.add(preset(SlaPoliciesFacade.levelPolicy(level), names[level - 1] + "级保障恢复时限（HS/T 42）",
					"Guarantee level " + level + " recovery (HS/T 42)", Kind.GUARANTEE_LEVEL,
					SlaDefinition.uniform(level <= 2 ? "7x24" : "5x8", "PT30M", null, recovery[level - 1]), "sla.level"));
		}
		return List.copyOf(presets);
	}

	private static KindedPreset preset(String code, String nameZh, String nameEn, Kind kind, SlaDefinition content,
			String description) {
		return new KindedPreset(new Preset<>(code, nameZh, nameEn, content, SystemNotes.of(description)), kind);
	}

}
