package io.opsguard.monitoring.collect.snmp;

import java.util.Map;

import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.OID;

/** The SNMPv3 report PDUs an agent answers instead of a response, named (RFC 3414 §3.2). */
final class SnmpReports {

	private static final Map<OID, String> NAMES = Map.of(SnmpConstants.usmStatsUnknownUserNames,
			"unknown user name (usmStatsUnknownUserNames)", SnmpConstants.usmStatsWrongDigests,
			"wrong authentication password or protocol (usmStatsWrongDigests)", SnmpConstants.usmStatsDecryptionErrors,
			"wrong privacy password or protocol (usmStatsDecryptionErrors)", SnmpConstants.usmStatsUnsupportedSecLevels,
			"security level not supported for this user (usmStatsUnsupportedSecLevels)",
			SnmpConstants.usmStatsNotInTimeWindows, "not in time window (usmStatsNotInTimeWindows)",
			SnmpConstants.usmStatsUnknownEngineIDs, "unknown engine id (usmStatsUnknownEngineIDs)");

	private SnmpReports() {
	}

	/** Whether the report says the credentials are wrong. */
	static boolean isAuthenticationFailure(OID reported) {
		return reported != null && (is(reported, SnmpConstants.usmStatsUnknownUserNames)
				|| is(reported, SnmpConstants.usmStatsWrongDigests) || is(reported, SnmpConstants.usmStatsDecryptionErrors)
				|| is(reported, SnmpConstants.usmStatsUnsupportedSecLevels));
	}

	/** Whether a reported OID is the counter {@code counter} (its instance, or without the {@code .0}). */
	private static boolean is(OID reported, OID counter) {
		OID column = new OID(counter.getValue(), 0, counter.size() - 1);
		return reported.startsWith(column);
	}

	static String describe(OID reported) {
		if (reported == null) {
			return "an empty report";
		}
		for (Map.Entry<OID, String> entry : NAMES.entrySet()) {
			if (is(reported, entry.getKey())) {
				return entry.getValue();
			}
		}
		return "report " + reported;
	}

}
