package io.opsguard.servicelevel.internal;

import io.opsguard.servicelevel.SlaPolicies;
import io.opsguard.servicelevel.TicketType;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** The {@link SlaPolicies} the service desk uses. */
@Component
class SlaPoliciesFacade implements SlaPolicies {

	private final SystemLevels levels;

	private final SlaPolicyService policies;

	SlaPoliciesFacade(SystemLevels levels, SlaPolicyService policies) {
		this.levels = levels;
		this.policies = policies;
	}

	@Override
	@Transactional(readOnly = true)
	public SlaTargets targetsFor(Long systemId, TicketType ticketType, int faultLevel) {
		return this.policies.targets(policyCode(systemId), ticketType == null ? TicketType.INCIDENT : ticketType, faultLevel);
	}

	/** The system's own policy, else the one its guarantee level implies, else the default. */
	String policyCode(Long systemId) {
		if (systemId == null) {
			return SlaPolicyService.DEFAULT_POLICY;
		}
		return policyCode(this.levels.row(systemId).orElse(null));
	}

	/** The system's own policy, else the one its level implies, else the default (R-SLA-04). */
	static String policyCode(SystemLevels.LevelRow row) {
		if (row != null && row.slaPolicyCode() != null) {
			return row.slaPolicyCode();
		}
		return row == null || row.effectiveLevel() == null ? SlaPolicyService.DEFAULT_POLICY : levelPolicy(row.effectiveLevel());
	}

	/** The HS/T 42 preset of a guarantee level. */
	static String levelPolicy(int level) {
		return "HS-L" + level;
	}

	/** The GB/T 34077.3 service grade a guarantee level implies: 1→1, 2→2, 3→3, 4 and 5→4. */
	static int serviceGrade(int level) {
		return Math.min(level, 4);
	}

}
