package io.opsguard.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.snmp4j.TransportMapping;
import org.snmp4j.agent.BaseAgent;
import org.snmp4j.agent.CommandProcessor;
import org.snmp4j.agent.DuplicateRegistrationException;
import org.snmp4j.agent.mo.MOAccessImpl;
import org.snmp4j.agent.mo.MOScalar;
import org.snmp4j.agent.mo.snmp.RowStatus;
import org.snmp4j.agent.mo.snmp.SnmpCommunityMIB;
import org.snmp4j.agent.mo.snmp.SnmpNotificationMIB;
import org.snmp4j.agent.mo.snmp.SnmpTargetMIB;
import org.snmp4j.agent.mo.snmp.StorageType;
import org.snmp4j.agent.mo.snmp.VacmMIB;
import org.snmp4j.agent.security.MutableVACM;
import org.snmp4j.mp.MPv3;
import org.snmp4j.security.AuthHMAC192SHA256;
import org.snmp4j.security.PrivAES128;
import org.snmp4j.security.SecurityLevel;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.USM;
import org.snmp4j.security.UsmUser;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.Variable;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * A real SNMP agent in the test's JVM (SNMP4J-Agent) on a free UDP port of 127.0.0.1, answering
 * v1/v2c for one community and v3 for one user (SHA-256 authentication, AES-128 privacy), with
 * the system group of SNMPv2-MIB and whatever values a test {@link #set sets}, each OID served as
 * it is (so tables are just their cells: {@code set("1.3.6.1.2.1.2.2.1.10.3", …)}). Close it after
 * the test.
 */
public final class SnmpAgentPeer extends BaseAgent implements AutoCloseable {

	public static final String V3_USER = "opsguard";

	public static final String V3_AUTH_PASSWORD = "auth-secret-1";

	public static final String V3_PRIV_PASSWORD = "priv-secret-1";

	private final String community;

	private final int port;

	private final Map<OID, MOScalar<Variable>> values = new ConcurrentHashMap<>();

	private SnmpAgentPeer(File dir, String community, int port) {
		super(new File(dir, "boots.cfg"), new File(dir, "agent.cfg"),
				new CommandProcessor(new OctetString(MPv3.createLocalEngineID())));
		this.community = community;
		this.port = port;
	}

	/** Starts an agent answering {@code community} (v1/v2c) and {@link #V3_USER} (v3). */
	public static SnmpAgentPeer start(String community) {
		// like net-snmp and most devices, the agent sends a report on a wrong digest or an unknown
		// user unauthenticated (SNMP4J's default authenticates it, so a manager with the wrong key
		// cannot read it). OpsGuard's SNMP stacks set the same JVM-wide SNMP4J setting.
		org.snmp4j.SNMP4JSettings.setReportSecurityLevelStrategy(
				org.snmp4j.SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
		try {
			File dir = Files.createTempDirectory("opsguard-snmp-agent-").toFile();
			dir.deleteOnExit();
			SnmpAgentPeer agent = new SnmpAgentPeer(dir, community, freeUdpPort());
			agent.init();
			agent.getServer().addContext(new OctetString());
			agent.finishInit();
			agent.run();
			agent.snmpv2MIB.setName(new OctetString("test-agent"));
			agent.snmpv2MIB.setLocation(new OctetString("机房 A-01"));
			return agent;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A UDP port nobody listens on right now. */
	public static int freeUdpPort() {
		try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public int port() {
		return this.port;
	}

	/** Serves a value at an OID (adds or replaces it). */
	public SnmpAgentPeer set(String oid, Variable value) {
		OID key = new OID(oid);
		MOScalar<Variable> existing = this.values.get(key);
		if (existing != null) {
			existing.setValue(value);
			return this;
		}
		MOScalar<Variable> scalar = new Instance(key, value);
		try {
			this.server.register(scalar, null);
		}
		catch (DuplicateRegistrationException ex) {
			throw new IllegalStateException(ex);
		}
		this.values.put(key, scalar);
		return this;
	}

	public SnmpAgentPeer set(String oid, long value) {
		return set(oid, new Integer32((int) value));
	}

	public SnmpAgentPeer text(String oid, String value) {
		return set(oid, new OctetString(value));
	}

	public SnmpAgentPeer gauge(String oid, long value) {
		return set(oid, new Gauge32(value));
	}

	public SnmpAgentPeer counter64(String oid, long value) {
		return set(oid, new Counter64(value));
	}

	/** Stops serving an OID. */
	public SnmpAgentPeer remove(String oid) {
		MOScalar<Variable> scalar = this.values.remove(new OID(oid));
		if (scalar != null) {
			this.server.unregister(scalar, null);
		}
		return this;
	}

	@Override
	protected void initTransportMappings() throws IOException {
		@SuppressWarnings("unchecked")
		TransportMapping<UdpAddress>[] mappings = new TransportMapping[] {
				new DefaultUdpTransportMapping(new UdpAddress("127.0.0.1/" + this.port)) };
		this.transportMappings = mappings;
	}

	@Override
	protected void registerManagedObjects() {
	}

	@Override
	protected void unregisterManagedObjects() {
	}

	@Override
	protected void addUsmUser(USM usm) {
		UsmUser user = new UsmUser(new OctetString(V3_USER), AuthHMAC192SHA256.ID, new OctetString(V3_AUTH_PASSWORD),
				PrivAES128.ID, new OctetString(V3_PRIV_PASSWORD));
		usm.addUser(user.getSecurityName(), usm.getLocalEngineID(), user);
	}

	@Override
	protected void addNotificationTargets(SnmpTargetMIB targetMIB, SnmpNotificationMIB notificationMIB) {
	}

	@Override
	protected void addViews(VacmMIB vacm) {
		vacm.addGroup(SecurityModel.SECURITY_MODEL_SNMPv1, new OctetString("reader"), new OctetString("readers"),
				StorageType.nonVolatile);
		vacm.addGroup(SecurityModel.SECURITY_MODEL_SNMPv2c, new OctetString("reader"), new OctetString("readers"),
				StorageType.nonVolatile);
		vacm.addGroup(SecurityModel.SECURITY_MODEL_USM, new OctetString(V3_USER), new OctetString("v3readers"),
				StorageType.nonVolatile);
		vacm.addAccess(new OctetString("readers"), new OctetString(), SecurityModel.SECURITY_MODEL_ANY,
				SecurityLevel.NOAUTH_NOPRIV, MutableVACM.VACM_MATCH_EXACT, new OctetString("all"), new OctetString(),
				new OctetString(), StorageType.nonVolatile);
		vacm.addAccess(new OctetString("v3readers"), new OctetString(), SecurityModel.SECURITY_MODEL_USM,
				SecurityLevel.AUTH_PRIV, MutableVACM.VACM_MATCH_EXACT, new OctetString("all"), new OctetString(),
				new OctetString(), StorageType.nonVolatile);
		vacm.addViewTreeFamily(new OctetString("all"), new OID("1.3"), new OctetString(), VacmMIB.vacmViewIncluded,
				StorageType.nonVolatile);
	}

	@Override
	protected void addCommunities(SnmpCommunityMIB communityMIB) {
		Variable[] row = { new OctetString(this.community), new OctetString("reader"),
				getAgent().getContextEngineID(), new OctetString(), new OctetString(),
				new Integer32(StorageType.nonVolatile), new Integer32(RowStatus.active) };
		SnmpCommunityMIB.SnmpCommunityEntryRow entry = communityMIB.getSnmpCommunityEntry()
			.createRow(new OctetString("reader").toSubIndex(true), row);
		communityMIB.getSnmpCommunityEntry().addRow(entry);
	}

	/** One value at exactly one OID (SNMP4J's scalars cover their whole object, a table cell must not). */
	private static final class Instance extends MOScalar<Variable> {

		Instance(OID oid, Variable value) {
			super(oid, MOAccessImpl.ACCESS_READ_ONLY, value);
		}

		@Override
		public org.snmp4j.agent.MOScope getScope() {
			return getSingleInstanceScope();
		}

		@Override
		public OID getLowerBound() {
			return this.oid;
		}

		@Override
		public OID getUpperBound() {
			return this.oid;
		}

		@Override
		public boolean isUpperIncluded() {
			return true;
		}

	}

	@Override
	public void close() {
		stop();
	}

}
