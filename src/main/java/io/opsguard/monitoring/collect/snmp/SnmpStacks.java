package io.opsguard.monitoring.collect.snmp;

import org.snmp4j.MessageDispatcher;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.USM;
import org.snmp4j.smi.OctetString;

/**
 * SNMP4J message stacks (v1, v2c, v3) that share nothing with other SNMP4J users in the JVM:
 * SNMP4J's defaults ({@code SecurityProtocols.getInstance()}, {@code SecurityModels.getInstance()})
 * are process-wide singletons, and their default protocol set leaves out MD5 and SHA-1, which most
 * devices in the field still use.
 */
final class SnmpStacks {

	private SnmpStacks() {
	}

	static {
		// RFC 3414 §3.2: an agent reports a wrong digest or a decryption error unauthenticated
		// (it cannot authenticate to a manager whose key is wrong) — net-snmp does. SNMP4J's default
		// drops such reports, so a wrong password would look like silence; accept them, and send
		// our own (for informs) the same way. This is a JVM-wide SNMP4J setting.
		org.snmp4j.SNMP4JSettings.setReportSecurityLevelStrategy(
				org.snmp4j.SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
	}

	/** A USM of its own with every authentication and privacy protocol SNMP4J knows. */
	static USM newUsm(byte[] localEngineId) {
		SecurityProtocols protocols = new SecurityProtocols(SecurityProtocols.SecurityProtocolSet.maxCompatibility);
		return new USM(protocols, new OctetString(localEngineId), 0);
	}

	/** A dispatcher for v1, v2c and v3 messages, v3 secured by {@code usm}. */
	static MessageDispatcher dispatcher(USM usm) {
		MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
		dispatcher.addMessageProcessingModel(new MPv1());
		dispatcher.addMessageProcessingModel(new MPv2c());
		dispatcher.addMessageProcessingModel(new MPv3(usm.getLocalEngineID().getValue(), null,
				usm.getSecurityProtocols(), SecurityModels.getCollection(new SecurityModel[] { usm }),
				CounterSupport.getInstance()));
		return dispatcher;
	}

	static byte[] newEngineId() {
		return MPv3.createLocalEngineID();
	}

}
