package io.opsguard.servicedesk.internal;

/**
 * The fault level (1 highest … 4) of an incident opened by an alert (R-DSK-05, R-DSK-04): from
 * the alert's severity and the guarantee level (1 highest … 5, HS/T 42) of the business system it
 * concerns. The more a system is guaranteed, the more its alert weighs:
 *
 * <pre>
 *                     system level 1   level 2   level 3–5, or no level / no system
 * critical (紧急)           1              1          2
 * major (重要)              2              3          3
 * minor (次要)              3              3          4
 * info (提示)               4              4          4
 * </pre>
 */
final class IncidentLevels {

	private IncidentLevels() {
	}

	/**
	 * The fault level for a severity rank (1 critical, 2 major, 3 minor, 4 info) on a system of
	 * the guarantee level (null: ungraded, or no business system).
	 */
	static int faultLevel(int severityRank, Integer guaranteeLevel) {
		boolean first = guaranteeLevel != null && guaranteeLevel == 1;
		boolean high = guaranteeLevel != null && guaranteeLevel <= 2;
		return switch (severityRank) {
			case 1 -> high ? 1 : 2;
			case 2 -> first ? 2 : 3;
			case 3 -> high ? 3 : 4;
			case 4 -> 4;
			default -> throw new IllegalArgumentException("severity rank " + severityRank + " is not 1–4");
		};
	}

}
