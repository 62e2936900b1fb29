package io.opsguard.servicelevel.internal;

import io.opsguard.servicelevel.internal.SlaPolicyService.Kind;
import io.opsguard.shared.SystemNotes;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * At every start: the default grading model (version 1) and the SLA policy presets (R-SLA-04):
 * the four service grades of GB/T 34077.3 §5.3.6, the provincial O&M contract (fault levels 1–4:
 * respond in 30 minutes; resolve in 24 / 24 / 8 / 8 hours; holiday on-call on site within 2 hours)
 * and the HS/T 42 recovery deadlines of the five guarantee levels. Presets are read-only; an
 * organisation copies one to adjust it.
 */
@Component
class ServiceLevelSetup implements SmartInitializingSingleton {

	private final GradingService gradings;

	private final SlaPolicyService policies;

	ServiceLevelSetup(GradingService gradings, SlaPolicyService policies) {
		this.gradings = gradings;
		this.policies = policies;
	}

	@Override
	public void afterSingletonsInstantiated() {
		try {
			this.gradings.ensureModel();
			presets();
		}
		catch (DataIntegrityViolationException ex) {
			// another node created them a moment ago
		}
	}

	private void presets() {
		this.policies.ensurePreset("GB-GRADE-1", "一级服务（GB/T 34077.3）", "Service grade 1 (GB/T 34077.3)",
				Kind.SERVICE_GRADE, SlaDefinition.uniform("7x24", "PT5M", "PT5M", "PT2H"), SystemNotes.of("sla.grade1"));
		this.policies.ensurePreset("GB-GRADE-2", "二级服务（GB/T 34077.3）", "Service grade 2 (GB/T 34077.3)",
				Kind.SERVICE_GRADE, SlaDefinition.uniform("7x24", "PT15M", "PT2H", "PT4H"), SystemNotes.of("sla.grade"));
		this.policies.ensurePreset("GB-GRADE-3", "三级服务（GB/T 34077.3）", "Service grade 3 (GB/T 34077.3)",
				Kind.SERVICE_GRADE, SlaDefinition.uniform("5x8", "PT30M", "PT6H", "PT8H"), SystemNotes.of("sla.grade"));
		this.policies.ensurePreset("GB-GRADE-4", "四级服务（GB/T 34077.3）", "Service grade 4 (GB/T 34077.3)",
				Kind.SERVICE_GRADE, SlaDefinition.uniform("5x8", "PT30M", "P1D", "PT24H"), SystemNotes.of("sla.grade4"));
		this.policies.ensurePreset(SlaPolicyService.DEFAULT_POLICY, "省级运维合同", "Provincial O&M contract", Kind.CONTRACT,
				SlaDefinition.provincialContract(), SystemNotes.of("sla.contract"));
		String[] recovery = { "PT2H", "PT4H", "P1D", "P2D", "P3D" };
		String[] names = { "一", "二", "三", "四", "五" };
		for (int level = 1; level <= 5; level++) {
			this.policies.ensurePreset(SlaPoliciesFacade.levelPolicy(level), names[level - 1] + "级保障恢复时限（HS/T 42）",
					"Guarantee level " + level + " recovery (HS/T 42)", Kind.GUARANTEE_LEVEL,
					SlaDefinition.uniform(level <= 2 ? "7x24" : "5x8", "PT30M", null, recovery[level - 1]),
					SystemNotes.of("sla.level"));
		}
	}

}
