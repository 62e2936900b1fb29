package io.opsguard.monitoring.collect.snmp;

import java.util.Map;

import io.opsguard.monitoring.template.Severity;

import org.snmp4j.smi.OID;

/**
 * The traps OpsGuard knows by name and how serious each looks before alerting rules say more:
 * the generic traps of SNMPv2-MIB (RFC 3418, RFC 3584 for their v1 form) and the UPS-MIB traps
 * (RFC 1628). Everything else is recorded as {@code INFO} under its OID.
 */
final class TrapCatalog {

	/** {@code snmpTrapOID.0}: the varbind naming a v2c/v3 notification. */
	static final OID SNMP_TRAP_OID = new OID("1.3.6.1.6.3.1.1.4.1.0");

	/** {@code sysUpTime.0}: the first varbind of every v2c/v3 notification. */
	static final OID SYS_UP_TIME = new OID("1.3.6.1.2.1.1.3.0");

	/** The generic traps: {@code snmpTraps} (1.3.6.1.6.3.1.1.5) + generic-trap + 1. */
	static final OID SNMP_TRAPS = new OID("1.3.6.1.6.3.1.1.5");

	static final OID IF_INDEX = new OID("1.3.6.1.2.1.2.2.1.1");

	static final OID IF_DESCR = new OID("1.3.6.1.2.1.2.2.1.2");

	static final OID IF_NAME = new OID("1.3.6.1.2.1.31.1.1.1.1");

	record Known(String name, Severity severity) {
	}

	private static final Map<OID, Known> KNOWN = Map.ofEntries(
			Map.entry(new OID("1.3.6.1.6.3.1.1.5.1"), new Known("coldStart", Severity.MINOR)),
			Map.entry(new OID("1.3.6.1.6.3.1.1.5.2"), new Known("warmStart", Severity.MINOR)),
			Map.entry(new OID("1.3.6.1.6.3.1.1.5.3"), new Known("linkDown", Severity.MAJOR)),
			Map.entry(new OID("1.3.6.1.6.3.1.1.5.4"), new Known("linkUp", Severity.INFO)),
			Map.entry(new OID("1.3.6.1.6.3.1.1.5.5"), new Known("authenticationFailure", Severity.MINOR)),
			// UPS-MIB, RFC 1628: upsTraps = upsMIB 2; some agents send the v1-derived form with .0
			Map.entry(new OID("1.3.6.1.2.1.33.2.1"), new Known("upsTrapOnBattery", Severity.CRITICAL)),
			Map.entry(new OID("1.3.6.1.2.1.33.2.0.1"), new Known("upsTrapOnBattery", Severity.CRITICAL)),
			Map.entry(new OID("1.3.6.1.2.1.33.2.2"), new Known("upsTrapTestCompleted", Severity.INFO)),
			Map.entry(new OID("1.3.6.1.2.1.33.2.0.2"), new Known("upsTrapTestCompleted", Severity.INFO)),
			Map.entry(new OID("1.3.6.1.2.1.33.2.3"), new Known("upsTrapAlarmEntryAdded", Severity.MAJOR)),
			Map.entry(new OID("1.3.6.1.2.1.33.2.0.3"), new Known("upsTrapAlarmEntryAdded", Severity.MAJOR)),
			Map.entry(new OID("1.3.6.1.2.1.33.2.4"), new Known("upsTrapAlarmEntryRemoved", Severity.INFO)),
			Map.entry(new OID("1.3.6.1.2.1.33.2.0.4"), new Known("upsTrapAlarmEntryRemoved", Severity.INFO)));

	private TrapCatalog() {
	}

	/** The trap's name, or its dotted OID when it is not known. */
	static String name(OID trapOid) {
		Known known = trapOid == null ? null : KNOWN.get(trapOid);
		return known != null ? known.name() : trapOid == null ? "trap" : trapOid.toDottedString();
	}

	static Severity severity(OID trapOid) {
		Known known = trapOid == null ? null : KNOWN.get(trapOid);
		return known != null ? known.severity() : Severity.INFO;
	}

	/** The SNMPv2 trap OID of an SNMPv1 trap (RFC 3584 §3.1). */
	static OID v1TrapOid(OID enterprise, int genericTrap, int specificTrap) {
		if (genericTrap >= 0 && genericTrap < 6) {
			OID oid = new OID(SNMP_TRAPS);
			oid.append(genericTrap + 1);
			return oid;
		}
		OID oid = new OID(enterprise == null ? new OID() : enterprise);
		oid.append(0);
		oid.append(specificTrap);
		return oid;
	}

}
