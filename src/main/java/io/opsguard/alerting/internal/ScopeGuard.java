package io.opsguard.alerting.internal;

import io.opsguard.alerting.rule.ScopeKind;
import io.opsguard.cmdb.ConfigurationItems;
import io.opsguard.identity.CurrentUser;

import org.springframework.stereotype.Component;

/**
 * Whether a person may aim a rule, silence or maintenance window at a scope: one whose data scope
 * is everything may aim anywhere; others only at a resource, business system or organisation of
 * their own subtree — a silence of every "switch" set by one organisation would mute the alerts of
 * every other.
 */
@Component
class ScopeGuard {

	private final ConfigurationItems cis;

	ScopeGuard(ConfigurationItems cis) {
		this.cis = cis;
	}

	boolean covers(CurrentUser user, ScopeKind kind, String value) {
		if (user.scope().all()) {
			return true;
		}
		Long id = Topology.parseLong(value);
		return switch (kind) {
			case RESOURCE, BUSINESS_SYSTEM -> id != null && ciInScope(user, id);
			case ORGANISATION -> id != null && user.scope().includes(id);
			default -> false;
		};
	}

	boolean ciInScope(CurrentUser user, long ciId) {
		return user.scope().all()
				|| this.cis.find(ciId).map(ci -> user.scope().includes(ci.organisationId())).orElse(false);
	}

}
