package io.opsguard.servicelevel.internal;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

/**
 * At every start: the default grading model (version 1), and the SLA policy presets
 * ({@link SlaPolicyType}) created or brought up to date. Presets are read-only; an organisation
 * copies one to adjust it.
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
			this.policies.synchronisePresets();
		}
		catch (DataIntegrityViolationException ex) {
			// another node created them a moment ago
		}
	}

}
