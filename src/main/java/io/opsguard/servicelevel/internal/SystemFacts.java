package io.opsguard.servicelevel.internal;

import java.time.Instant;

/**
 * What the business party and the O&M party declare a system has (R-GRD-05, HS/T 42 §5: backup
 * policy, monitoring requirements and what is in place); all false and empty until someone records
 * them.
 */
public record SystemFacts(String backupPolicy, String monitoringRequirements, boolean systemMonitoring,
		boolean applicationMonitoring, boolean performanceSupport, boolean statisticsReports, boolean businessParty7x24,
		Instant updatedAt, Long updatedBy) {

	static SystemFacts none() {
		return new SystemFacts(null, null, false, false, false, false, false, null, null);
	}

}
